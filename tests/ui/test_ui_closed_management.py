"""Closed management (封闭式管理) at a compound gate: a station setting; when on, the rule
is shown on the main screen and an outsider coming in gets "refuse" proposed while the
guard types, unless their category may still come in."""

from __future__ import annotations

from actors import supervisor
from uihelpers import find

from checkpoint_app.core.entry import EntryDraft


def _set(window, ctx, monkeypatch, on: bool, exempt: tuple[str, ...] = ()):
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    def choose(dialog):
        find(dialog, "closed_management_check").setChecked(on)
        for code in ("official", "delivery", "staff", "visitor", "other"):
            find(dialog, f"exempt_{code}_check").setChecked(code in exempt)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    window.open_settings()


def test_closed_management_is_shown_and_refuses_outsiders_while_typing(window, ctx, keyboard, monkeypatch):
    label = find(window, "closed_rule_label")
    assert label.isHidden()
    _set(window, ctx, monkeypatch, True, ("official",))
    assert ctx.settings.get("closed_management") is True
    assert ctx.settings.get("closed_exempt") == ["official"]
    assert not label.isHidden()
    assert "official/emergency" in label.text().lower() or "公务" in label.text()
    form = window.form
    form.category_combo.setCurrentIndex(form.category_combo.findData("visitor"))
    keyboard.type(form.temperature_edit, "36.5")
    assert ctx.register.preview(form.draft()).proposal.decision.value == "refuse"
    assert "refuse" in form.decision_combo.itemText(0).lower() or "劝返" in form.decision_combo.itemText(0)
    form.category_combo.setCurrentIndex(form.category_combo.findData("official"))
    form.refresh_rules()
    assert ctx.register.preview(form.draft()).proposal.decision.value == "admit"

    _set(window, ctx, monkeypatch, False)
    assert label.isHidden()
    assert ctx.register.preview(EntryDraft(category="visitor", temperature="36.5")).proposal.decision.value == "admit"


def test_a_delivery_may_come_in_by_default_and_a_resident_always(ctx):
    ctx.settings.set_many(supervisor(ctx), {"closed_management": True})
    assert ctx.register.preview(EntryDraft(category="delivery", temperature="36.5")).proposal.decision.value == "admit"
    assert ctx.register.preview(EntryDraft(category="resident", temperature="36.5")).proposal.decision.value == "admit"
    assert ctx.register.preview(EntryDraft(category="staff", temperature="36.5")).proposal.reasons == ("closed",)
    going_out = EntryDraft(category="visitor", direction="out", temperature="36.5")
    assert ctx.register.preview(going_out).proposal.decision.value == "admit"


def test_bad_closed_management_settings_are_refused(ctx):
    import pytest

    from checkpoint_app.core.problems import InvalidInput

    for values in ({"closed_management": "yes"}, {"closed_exempt": ["robot"]}, {"closed_exempt": "official"}):
        with pytest.raises(InvalidInput):
            ctx.settings.set_many(supervisor(ctx), values)
    assert ctx.settings.get("closed_management") is False
