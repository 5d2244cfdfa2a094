"""The heritage-at-risk report form (docs/heritage.md): the rules are metrics/heritage.py's `check_report`;
this form shows each problem at its field, in the page's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from wikitally.metrics import heritage as rules
from wikitally.model import Point
from wikitally.store import heritage as store
from wikitally.web.campaigns.forms_enrol import TranslatedForm

KIND_TEXT = {
    "damaged": "RISK_DAMAGED",
    "destroyed": "RISK_DESTROYED",
    "threatened": "RISK_THREATENED",
    "neglected": "RISK_NEGLECTED",
    "armed_conflict": "RISK_ARMED_CONFLICT",
}
MAX_EVIDENCE = 50
# the rules' field -> the form's field that shows its problem, and the message
_AT = {
    "kind": ("kind", "ERROR_HERITAGE_KIND"),
    "point": ("lat", "ERROR_HERITAGE_POINT"),
    "label": ("label", "ERROR_HERITAGE_LABEL"),
    "observed": ("observed", "ERROR_HERITAGE_FUTURE"),
    "description": ("description", "ERROR_HERITAGE_DESCRIPTION"),
    "source_url": ("source_url", "ERROR_HERITAGE_SOURCE"),
}


class ReportForm(TranslatedForm):
    site = forms.ChoiceField(required=False, choices=())
    label = forms.CharField(required=False, max_length=255)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180)
    kind = forms.ChoiceField(choices=(), widget=forms.RadioSelect)
    observed = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    evidence = forms.CharField(
        required=False, max_length=MAX_EVIDENCE * 260, widget=forms.Textarea(attrs={"rows": 3})
    )
    source_url = forms.CharField(required=False, max_length=2000)
    private = forms.BooleanField(required=False)

    def __init__(self, *args: Any, sites: dict[str, rules.Site], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sites, self.today = sites, today
        ui = self.ui
        self.fields["site"].choices = [("", ui["HERITAGE_NEW_SITE"])] + [
            (k, s.label) for k, s in sites.items()
        ]
        self.fields["kind"].choices = [(k, ui[v]) for k, v in KIND_TEXT.items()]
        self._label("site", "LABEL_HERITAGE_SITE")
        self._label("label", "LABEL_HERITAGE_LABEL")
        self._label("lat", "LABEL_HERITAGE_LAT", "HELP_HERITAGE_POINT")
        self._label("lon", "LABEL_HERITAGE_LON")
        self._label("kind", "LABEL_HERITAGE_KIND")
        self._label("observed", "LABEL_HERITAGE_OBSERVED")
        self._label("description", "LABEL_HERITAGE_DESCRIPTION")
        self._label("evidence", "LABEL_HERITAGE_EVIDENCE", "HELP_HERITAGE_EVIDENCE")
        self._label("source_url", "LABEL_HERITAGE_SOURCE", "HELP_HERITAGE_SOURCE")
        self._label("private", "LABEL_HERITAGE_PRIVATE")
        for name in ("lat", "lon"):
            self.fields[name].widget.attrs.update({"step": "any", "inputmode": "decimal"})
            self.fields[name].error_messages.update(
                {k: ui["ERROR_HERITAGE_DEGREES"] for k in ("min_value", "max_value", "invalid")}
            )
        self.fields["description"].error_messages["required"] = ui["ERROR_HERITAGE_DESCRIPTION"]
        self.fields["source_url"].widget.attrs.update({"type": "url", "dir": "ltr"})
        self.fields["evidence"].widget.attrs.update({"dir": "ltr", "spellcheck": "false"})
        self.report: rules.Report | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        key = data.get("site") or None
        site = self.sites.get(key) if key else None
        lat, lon = data.get("lat"), data.get("lon")
        point = Point(lat, lon) if lat is not None and lon is not None else None
        evidence = [line.strip() for line in str(data.get("evidence") or "").splitlines() if line.strip()]
        report = store.new_report(
            site=key,
            label=site.label if site is not None else str(data.get("label") or ""),
            point=point,
            kind=str(data.get("kind") or ""),
            observed=data["observed"],
            description=str(data.get("description") or ""),
            evidence=evidence,
            source_url=str(data.get("source_url") or ""),
            # a new site is sensitive: nothing says its place is safe to show (the coverage rule)
            sensitive=bool(data.get("private")) or site is None,
        )
        for name, _problem in rules.check_report(report, self.today):
            if name == "evidence":
                continue
            field, message = _AT[name]
            self.add_error(field, self.ui[message])
        bad = [f for f in report.evidence if not rules.COMMONS_FILE.match(f)]
        for name in bad[:5]:
            self.add_error("evidence", self.ui["ERROR_HERITAGE_EVIDENCE"].format(file=name[:80]))
        if not self.errors:
            self.report = report
        return data
