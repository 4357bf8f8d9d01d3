"""Small server-rendered SVG charts (no JavaScript): answers over time against the deadline."""

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36


def answers_over_time(*, start: datetime.date, deadline: datetime.date,
                      answered: list[datetime.date], total: int,
                      today: datetime.date) -> SafeString:
    """A step line of the cumulative number of answers, a dashed line at the remisstid.

    The figure has a text alternative (title and desc) saying the same in words.
    """
    answered = sorted(d for d in answered if d is not None)
    end = max([deadline, today, *answered[-1:]])
    start = min([start, *answered[:1]])
    span = max(1, (end - start).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = max(1, total)

    def x(day: datetime.date) -> float:
        return round(LEFT + (day - start).days / span * plot_w, 1)

    def y(count: int) -> float:
        return round(TOP + plot_h - count / top * plot_h, 1)

    points = [(x(start), y(0))]
    for count, day in enumerate(answered, start=1):
        points.append((x(day), points[-1][1]))
        points.append((x(day), y(count)))
    points.append((x(min(end, today)), points[-1][1]))
    path = " ".join(f"{px},{py}" for px, py in points)
    on_time = sum(1 for d in answered if d <= deadline)
    description = _("%(answered)s av %(total)s har beslutat, varav %(on_time)s senast "
                    "remisstiden %(deadline)s.") % {
        "answered": len(answered), "total": total, "on_time": on_time,
        "deadline": deadline.isoformat()}
    ticks = sorted({0, total // 2, total})
    y_axis = format_html_join(
        "", '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
        ((LEFT, WIDTH - RIGHT, y(t), y(t), LEFT - 6, y(t) + 4, t) for t in ticks))
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title '
        'chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>'
        '{y_axis}'
        '<line class="chart__axis" x1="{left}" x2="{right}" y1="{base}" y2="{base}"/>'
        '<line class="chart__deadline" x1="{dx}" x2="{dx}" y1="{top}" y2="{base}"/>'
        '<text class="chart__label chart__label--deadline" x="{label_x}" y="{top_label}" '
        'text-anchor="{anchor}">{deadline_label}</text>'
        '<polyline class="chart__line" points="{path}"/>'
        '<text class="chart__label" x="{left}" y="{date_y}">{start}</text>'
        '<text class="chart__label" x="{right}" y="{date_y}" text-anchor="end">{end}</text>'
        '</svg>',
        w=WIDTH, h=HEIGHT, title=_("Svar över tid"), desc=description, y_axis=y_axis,
        left=LEFT, right=WIDTH - RIGHT, base=y(0), top=TOP, dx=x(deadline),
        top_label=TOP - 4,
        # Keep the label inside the figure: to the left of a line near the right edge.
        label_x=x(deadline) - 4 if x(deadline) > WIDTH / 2 else x(deadline) + 4,
        anchor="end" if x(deadline) > WIDTH / 2 else "start",
        deadline_label=_("Remisstid %(date)s") % {"date": deadline.isoformat()},
        path=path, date_y=HEIGHT - 12, start=start.isoformat(), end=end.isoformat(),
    )
