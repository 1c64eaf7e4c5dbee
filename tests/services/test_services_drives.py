"""The removable drives the export dialog offers, read from a fake /proc/mounts and /sys
tree: a USB stick (by its removable flag or by its USB bus), its partitions, read-only
mounts, and what is not a stick (the system disk, a network share, a mount elsewhere)."""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

import pytest

from checkpoint_app.services import drives

Usage = namedtuple("Usage", "total used free")


def make_sys(root: Path, disks: dict[str, dict]) -> Path:
    """/sys/block/<disk> (a symlink into /sys/devices, as on Linux) with `removable`
    and its partitions as sub-folders."""
    sys_root = root / "sys"
    (sys_root / "block").mkdir(parents=True)
    for name, spec in disks.items():
        bus = "pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/host6/target6:0:0/6:0:0:0" if spec.get("usb") \
            else "pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0"
        real = sys_root / "devices" / bus / "block" / name
        real.mkdir(parents=True)
        (real / "removable").write_text(f"{1 if spec.get('removable') else 0}\n")
        for part in spec.get("parts", ()):
            (real / part).mkdir()
        (sys_root / "block" / name).symlink_to(real)
    return sys_root


DISKS = {
    "sda": {"parts": ["sda1", "sda2"]},  # the system disk
    "sdb": {"removable": True, "parts": ["sdb1"]},  # a stick that says it is removable
    "sdc": {"usb": True, "parts": ["sdc1"]},  # a USB disk that says it is not (many do)
    "mmcblk0": {"removable": True, "parts": ["mmcblk0p1"]},  # an SD card
    "sr0": {"removable": True},  # a whole-disk medium
}


@pytest.mark.parametrize("line, expected", [
    ("/dev/sdb1 /media/guard/KINGSTON vfat rw,nosuid,nodev 0 0", ("/media/guard/KINGSTON", "KINGSTON", False)),
    ("/dev/sdc1 /run/media/guard/WD\\040Passport exfat rw 0 0", ("/run/media/guard/WD Passport", "WD Passport", False)),
    ("/dev/sdb1 /media/guard/LOCKED vfat ro,nosuid 0 0", ("/media/guard/LOCKED", "LOCKED", True)),
    ("/dev/mmcblk0p1 /mnt/sd vfat rw 0 0", ("/mnt/sd", "sd", False)),
    ("/dev/sr0 /media/cdrom iso9660 ro 0 0", ("/media/cdrom", "cdrom", True)),
    ("/dev/sda1 /media/data ext4 rw 0 0", None),  # the system disk mounted under /media
    ("/dev/sda2 / ext4 rw 0 0", None),
    ("/dev/sdb1 /home/guard/stick vfat rw 0 0", None),  # a stick mounted outside the usual places
    ("//server/share /media/share cifs rw 0 0", None),  # not a block device
    ("tmpfs /run/media tmpfs rw 0 0", None),
    ("/dev/sdz1 /media/gone vfat rw 0 0", None),  # a device /sys does not know (pulled)
    ("/dev/sdb1 /mediaX/guard vfat rw 0 0", None),  # /mediaX is not /media
])
def test_which_mounts_are_offered(tmp_path, line, expected):
    sys_root = make_sys(tmp_path, DISKS)
    mounts = tmp_path / "mounts"
    mounts.write_text(line + "\n")
    found = drives.linux_drives(mounts, sys_root, disk_usage=lambda path: Usage(8 << 30, 1 << 30, 7 << 30),
                                writable=lambda path: True)
    if expected is None:
        assert found == []
    else:
        (drive,) = found
        assert (str(drive.path), drive.label, drive.read_only) == expected
        assert drive.free_bytes == 7 << 30


def test_a_mount_point_this_user_cannot_write_is_read_only(tmp_path):
    sys_root = make_sys(tmp_path, DISKS)
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sdb1 /media/other/STICK vfat rw 0 0\n")
    (drive,) = drives.linux_drives(mounts, sys_root, disk_usage=lambda path: Usage(1, 0, 1),
                                   writable=lambda path: False)
    assert drive.read_only


def test_free_space_unknown_when_the_drive_does_not_answer(tmp_path):
    sys_root = make_sys(tmp_path, DISKS)
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sdb1 /media/guard/STICK vfat rw 0 0\n")

    def pulled(path):
        raise OSError(5, "Input/output error")

    (drive,) = drives.linux_drives(mounts, sys_root, disk_usage=pulled, writable=lambda path: True)
    assert drive.free_bytes is None


def test_several_sticks_sorted_and_a_remount_counts_once(tmp_path):
    sys_root = make_sys(tmp_path, DISKS)
    mounts = tmp_path / "mounts"
    mounts.write_text("\n".join([
        "/dev/sda2 / ext4 rw 0 0",
        "/dev/sdc1 /media/guard/ZETA vfat rw 0 0",
        "/dev/sdb1 /media/guard/ALPHA vfat rw 0 0",
        "/dev/sdb1 /media/guard/ALPHA vfat ro 0 0",  # remounted read-only after an error
        "garbage",
    ]) + "\n")
    found = drives.linux_drives(mounts, sys_root, disk_usage=lambda path: Usage(1, 0, 1), writable=lambda path: True)
    assert [(d.label, d.read_only) for d in found] == [("ALPHA", True), ("ZETA", False)]


def test_no_mounts_file_means_no_drives(tmp_path):
    assert drives.linux_drives(tmp_path / "missing", tmp_path / "sys") == []


def test_this_machine_answers_without_error():
    assert isinstance(drives.removable_drives(), list)
