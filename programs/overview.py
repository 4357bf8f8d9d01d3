"""Overview of all remisser and a program's remisser over the years."""


def program_history(program, user):
    from .selectors import visible_remisser

    return {"remisser": visible_remisser(user).filter(program=program).order_by("remiss_date")}
