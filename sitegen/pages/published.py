"""Own what is published on a given day, and the lookups every section shares."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..records import Event, Partner, Release, Site


@dataclass(frozen=True)
class Published:
    """The validated site reduced to what visitors may see on `today`, with lookups."""

    READ_WITHIN = ("site",)
    """What a section reads of the site is noted field by field (see `steps.traced`)."""
    SCRATCH = ("made",)
    """Not an input: parts made in this build (see `made`)."""

    site: Site
    """Everything validated."""
    today: dt.date
    """The build's notion of today."""
    releases: tuple[Release, ...]
    """Published release versions (no drafts, no embargoed), newest first."""
    partners: dict
    """Partner id → Partner, in file order."""
    versions: dict
    """Release key → {language: published version}, newest key first."""
    involving: dict
    """Partner id → keys of the releases it issued or is named in, newest first."""
    made: dict = field(default_factory=dict, compare=False, repr=False)
    """Parts of pages made once in this build and shared by every page showing them (e.g. list items)."""

    @classmethod
    def of(cls, site: Site, today: dt.date, drafts: bool = False) -> "Published":
        """Reduce a site to what is published on `today` (with `drafts`, embargoed and draft releases too)."""
        releases = [r for r in site.releases if drafts or (not r.draft and r.date <= today)]
        releases.sort(key=lambda r: (r.date, r.key), reverse=True)
        versions: dict = {}
        involving: dict = {}
        for release in releases:
            versions.setdefault(release.key, {})[release.lang] = release
            for partner_id in (release.issuer, *release.partners):
                keys = involving.setdefault(partner_id, [])
                if release.key not in keys:
                    keys.append(release.key)
        return cls(site, today, tuple(releases), {p.id: p for p in site.partners}, versions, involving)

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the site languages, default first."""
        return self.site.config.languages

    def release_versions(self, key: str) -> dict[str, Release]:
        """Return language → published version of one release."""
        return self.versions.get(key, {})

    def release_keys(self) -> list[str]:
        """Return the published release keys, newest first."""
        return list(self.versions)

    def listed_release(self, key: str, lang: str) -> tuple[Release, bool]:
        """Return the version to list for `lang` and whether it is in another language (marked)."""
        versions = self.release_versions(key)
        if lang in versions:
            return versions[lang], False
        for code in self.languages:
            if code in versions:
                return versions[code], True
        raise KeyError(key)

    def releases_involving(self, partner: Partner) -> list[str]:
        """Return keys of releases issued by or naming the partner, newest first."""
        return list(self.involving.get(partner.id, ()))

    def events_involving(self, partner: Partner) -> list[Event]:
        """Return events the partner organises, in file order (`timeline` orders them as visitors see them)."""
        organised = self.made.get("organised")
        if organised is None:  # once per build: partner id → events
            organised = self.made["organised"] = {}
            for event in self.site.events:
                for organiser in dict.fromkeys(event.organisers):
                    organised.setdefault(organiser, []).append(event)
        return list(organised.get(partner.id, ()))

    def timeline(self, events) -> tuple[list[Event], list[Event]]:
        """Return `events` split as every list of events shows them: those whose last day is today or later, soonest
        first, and those that have ended, latest first."""
        upcoming = [e for e in events if e.last_day >= self.today]
        past = [e for e in events if e.last_day < self.today]
        return (sorted(upcoming, key=lambda e: (e.start_sort, e.id)),
                sorted(past, key=lambda e: (e.start_sort, e.id), reverse=True))

    def upcoming(self) -> list[Event]:
        """Return events whose last day is today or later, soonest first (a new list each time)."""
        return list(self._events_timeline()[0])

    def _events_timeline(self) -> tuple[list[Event], list[Event]]:
        """Return the timeline of all events (made once per build: every filter page of the events asks for it)."""
        made = self.made.get("timeline")
        if made is None:
            made = self.made["timeline"] = self.timeline(self.site.events)
        return made

    def visible_entries(self) -> list:
        """Return marketplace entries already published (expired ones included), newest first."""
        found = [entry for entry in self.site.marketplace if entry.published <= self.today]
        return sorted(found, key=lambda e: (e.published, e.id), reverse=True)

    def current_entries(self) -> list:
        """Return marketplace entries published and not yet expired, newest first (a new list each time)."""
        current = self.made.get("current")
        if current is None:  # once per build
            current = self.made["current"] = [entry for entry in self.visible_entries() if entry.expires >= self.today]
        return list(current)

    def past(self) -> list[Event]:
        """Return events that have ended, latest first (a new list each time)."""
        return list(self._events_timeline()[1])
