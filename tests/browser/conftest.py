"""The browser tests: Playwright (Python) driving Debian's chromium (the session's one
``browser``, tests/conftest.py) against the site under gunicorn (``live``), one file per
interaction, all on the scenario of tests/harness/scenario.py (six squares near Utrecht, seven
arrangements, one account per role). Every request off the site is aborted: this machine has
no internet, and the base map must fail gracefully.

A test that needs more than the scenario adds it itself (its data is committed: ``live`` is
transactional and flushes the database after the test)."""

from __future__ import annotations

import pytest

from tests.harness import scenario as scenario_module
from tests.harness.browser import PageErrors, log_in, only_site

#: The desktop window of the tests (CSS pixels).
DESKTOP = {"width": 1400, "height": 900}


@pytest.fixture
def scenario(live) -> scenario_module.Scenario:
    """The scenario, committed for the live site (built again for every test: ``live``
    flushes the database after each)."""
    return scenario_module.build()


@pytest.fixture
def open_page(browser, live):
    """``open_page(user=None, **context_options)``: a page of a new browser context, Dutch
    and at desktop size unless the options say otherwise, with every request off the site
    aborted, a 10 s default timeout and its JavaScript errors in ``page.errors``; logged in as
    ``user`` through the login page when one is given. The contexts close after the test."""
    contexts = []

    def make(user=None, **options):
        context = browser.new_context(**{"locale": "nl-NL", "viewport": DESKTOP, **options})
        contexts.append(context)
        context.set_default_timeout(10000)
        only_site(context, live.url)
        page = context.new_page()
        page.errors = PageErrors()
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        if user is not None:
            log_in(page, live.url, user)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """An anonymous desktop page that accepts downloads."""
    return open_page(accept_downloads=True)
