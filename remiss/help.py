from django.shortcuts import render


def help_page(request):
    """How a remiss works, step by step, in plain Swedish; public like the statement page.

    Template: help/index.html.
    """
    return render(request, "help/index.html")
