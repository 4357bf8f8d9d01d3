"""A realistic sammanträdesplan: Kulturnämnden meets on a Tuesday each month, not in July."""

import datetime

D = datetime.date

KULTUR_2026 = [D(2026, 1, 20), D(2026, 2, 17), D(2026, 3, 17), D(2026, 4, 21), D(2026, 5, 19),
               D(2026, 6, 16), D(2026, 8, 25), D(2026, 9, 22), D(2026, 10, 20),
               D(2026, 11, 17), D(2026, 12, 15), D(2027, 1, 19), D(2027, 2, 16)]
