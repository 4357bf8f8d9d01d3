// drafting
