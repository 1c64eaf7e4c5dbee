"""`make bundle`'s last step: the built onedir bundle (dist/checkpoint-app/) zipped as
dist/checkpoint-app-<version>-<system>-<machine>.zip, with the Linux desktop entry and the
icon beside the programs (resources/checkpoint-app.desktop; README: "Install the bundle").

    python packaging/zip_bundle.py [DIST]
"""

from __future__ import annotations

import platform
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def archive_name() -> str:
    system = {"Linux": "linux", "Windows": "windows", "Darwin": "macos"}.get(platform.system(), platform.system().lower())
    return f"checkpoint-app-{version()}-{system}-{platform.machine().lower() or 'unknown'}"


def main(argv: list[str]) -> int:
    dist = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    bundle = dist / "checkpoint-app"
    if not bundle.is_dir():
        print(f"zip_bundle: {bundle} is not there: run PyInstaller first (make bundle)", file=sys.stderr)
        return 2
    shutil.copy2(ROOT / "resources" / "checkpoint-app.desktop", bundle / "checkpoint-app.desktop")
    shutil.copy2(ROOT / "resources" / "icons" / "checkpoint-256.png", bundle / "checkpoint-app.png")
    archive = shutil.make_archive(str(dist / archive_name()), "zip", root_dir=dist, base_dir="checkpoint-app")
    print(archive)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
