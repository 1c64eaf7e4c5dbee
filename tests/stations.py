"""The station profile the tests set up (importable from any test module; a conftest
module is not, since pytest loads several under the one name)."""

from __future__ import annotations

from checkpoint_app.services.station import StationDraft

STATION = StationDraft(name="翠湖小区东门", code="JB-TSP-01", station_type="compound_gate",
                       district="重庆市江北区", province_code="50")


def set_station_type(ctx, station_type: str) -> None:
    """The test station as another kind of station (a supervisor's change)."""
    from dataclasses import replace

    from actors import supervisor

    ctx.station.save(supervisor(ctx), replace(STATION, station_type=station_type))
