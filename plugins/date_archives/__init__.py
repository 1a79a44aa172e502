"""Date archives: an overview with articles per month, a page per year and per month, and
an honest page for articles whose date is unknown.

A month's bar on the overview is a few pixels wide, too fine for a finger: on a phone (or any
touch screen) the theme shows a chart of years instead, each bar a tap target at least
MIN_TARGET pixels wide that leads to its year, whose page charts its twelve months as widely.

Pelican's own period archives would give the undated articles (filed under a sentinel date)
a year of their own, so this generator writes the pages itself, in one pass over the
articles (which arrive newest first).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pelican import signals
from pelican.generators import Generator

from newsarchive.charts import MIN_TARGET, PHONE_WIDTH, bar_chart, site_root_prefix, table


def _month_name(year: int, month: int) -> str:
    return date(year, month, 1).strftime("%B %Y")


class DateArchivesGenerator(Generator):
    def generate_context(self):
        articles = self.context.get("articles", [])
        self.undated = [a for a in articles if getattr(a, "date_unknown", False)]
        self.months: dict[tuple[int, int], list] = defaultdict(list)
        for article in articles:
            if not getattr(article, "date_unknown", False):
                self.months[(article.date.year, article.date.month)].append(article)
        self.years: dict[int, list] = defaultdict(list)
        for (year, _), month_articles in sorted(self.months.items(), reverse=True):
            self.years[year].extend(month_articles)
        self.context["date_years"] = [(year, len(items)) for year, items in self.years.items()]
        self.context["undated_count"] = len(self.undated)

    def _url(self, year: int, month: int | None = None) -> str:
        pattern = "DATE_MONTH_URL" if month else "DATE_YEAR_URL"
        default = "{year}/{month:02d}/" if month else "{year}/"
        return self.settings.get(pattern, default).format(year=year, month=month or 0)

    def _prefix(self, save_as: str) -> str:
        return site_root_prefix(self.settings, save_as)

    def _overview_chart(self, prefix: str) -> tuple[str, str]:
        """The months' chart, the years' chart for phones (the theme shows one of them) and
        the years' table."""
        if not self.months:
            return "", ""
        first, last = min(self.months), max(self.months)
        bars, links, axis = [], [], []
        every = 1 + (last[0] - first[0]) // 12  # at most about a dozen year labels
        for year in range(first[0], last[0] + 1):
            for month in range(1, 13):
                if (year, month) < first or (year, month) > last:
                    continue
                bars.append((_month_name(year, month), len(self.months.get((year, month), []))))
                links.append(prefix + self._url(year, month))
                starts_year = month == 1 or (year, month) == first
                axis.append(str(year) if starts_year and (year - first[0]) % every == 0 else None)
        years = [(str(y), len(self.years[y])) for y in sorted(self.years)]
        return (
            bar_chart(bars, "Articles per month", links=links, axis=axis, kind="by-month")
            + self._years_chart(prefix),
            table(years, "Articles per year", ("Year", "Articles")),
        )

    def _years_chart(self, prefix: str) -> str:
        """A bar per year (empty years too, so gaps show), each leading to its year's page."""
        span = range(min(self.years), max(self.years) + 1)
        bars = [(str(year), len(self.years.get(year, []))) for year in span]
        links = [prefix + self._url(year) for year in span]
        width = max(PHONE_WIDTH, MIN_TARGET * len(bars))
        return bar_chart(bars, "Articles per year", links=links, width=width, tappable=True, kind="by-year")  # fmt: skip

    def _write(self, writer, save_as: str, url: str, articles: list | None, **kwargs) -> None:
        """A period's page: its articles listed and paginated, or (a year) its months only."""
        listed = {"paginated": {"articles": articles}} if articles is not None else {}
        writer.write_file(
            save_as,
            self.get_template("period"),
            self.context,
            self.settings["RELATIVE_URLS"],
            template_name="period",
            url=url,
            **listed,
            **kwargs,
        )

    @staticmethod
    def _neighbours(keys, title, url) -> dict:
        """For each period with articles (`keys`), those on either side, oldest first, as
        (title, url) or None: a reader goes from one year or month to the next without the
        overview. One pass over the sorted keys."""
        ordered = sorted(keys)
        link = {key: (title(key), url(key)) for key in ordered}
        older = [None, *ordered][: len(ordered)]
        newer = [*ordered[1:], None][: len(ordered)]
        return {
            key: {"older": before and link[before], "newer": after and link[after]}
            for key, before, after in zip(ordered, older, newer, strict=True)
        }

    def generate_output(self, writer):
        overview = self.settings.get("DATES_URL", "dates/")
        chart, chart_table = self._overview_chart(self._prefix(overview + "index.html"))
        writer.write_file(
            overview + "index.html",
            self.get_template("dates"),
            self.context,
            self.settings["RELATIVE_URLS"],
            url=overview,
            chart=chart,
            chart_table=chart_table,
            years=[
                (year, items, [(m, len(self.months.get((year, m), []))) for m in range(1, 13)])
                for year, items in self.years.items()
            ],
            undated=self.undated,
        )
        around_year = self._neighbours(self.years, str, self._url)
        around_month = self._neighbours(self.months, lambda k: _month_name(*k), lambda k: self._url(*k))  # fmt: skip
        for year, items in self.years.items():
            months = [(m, len(self.months.get((year, m), []))) for m in range(1, 13)]
            bars = [(date(year, m, 1).strftime("%b"), n) for m, n in months]
            url = self._url(year)
            prefix = self._prefix(url + "index.html")
            links = [prefix + self._url(year, m) for m, _ in months]
            landing = {
                "chart": bar_chart(
                    bars, f"Articles per month in {year}", links=links, tappable=True
                ),
                "months": [(m, n, self._url(year, m)) for m, n in months if n],
                **around_year[year],
            }
            self._write(writer, url + "index.html", url, None, period_title=str(year),
                        count=len(items), landing=landing)  # fmt: skip
        for (year, month), items in self.months.items():
            url = self._url(year, month)
            self._write(writer, url + "index.html", url, items, landing={"count": len(items), **around_month[year, month]},
                        period_title=_month_name(year, month), parent=(year, self._url(year)))  # fmt: skip
        if self.undated:
            url = self.settings.get("UNDATED_INDEX_URL", "undated/")
            self._write(writer, url + "index.html", url, self.undated, period_title="Date unknown",
                        landing={"count": len(self.undated)})  # fmt: skip


def get_generators(pelican_object):
    return DateArchivesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
