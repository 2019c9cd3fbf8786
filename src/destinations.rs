//! Where sealed files can go: removable drives (memory sticks, USB disks, SD cards) and
//! the policy's export folders.
//!
//! Each platform finds drives its own way behind [`removable_drives`]; every drive records
//! which signal decided it was removable, so IT can see why a drive was offered.

use std::path::{Path, PathBuf};

use crate::policy::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Removable,
    ExportFolder,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Removable => "removable",
            Kind::ExportFolder => "export_folder",
            Kind::Other => "other",
        }
    }
}

/// One place a sealed file can be written.
#[derive(Debug, Clone)]
pub struct Destination {
    pub kind: Kind,
    pub path: PathBuf,
    pub label: Option<String>,
    pub volume_id: Option<String>,
    pub free_bytes: Option<u64>,
    /// What decided "removable" (e.g. "sysfs removable flag", "USB bus").
    pub signal: Option<String>,
}

/// Removable drives plus the policy's export folders.
pub fn list(policy: &Policy) -> Vec<Destination> {
    let mut out = removable_drives();
    for folder in &policy.export_folders {
        out.push(Destination {
            kind: Kind::ExportFolder,
            path: folder.clone(),
            label: None,
            volume_id: None,
            free_bytes: crate::platform::free_space(folder).ok(),
            signal: Some("policy export_folders".into()),
        });
    }
    out
}

/// Classifies a chosen folder: inside a removable drive, inside an export folder, or other.
pub fn classify(dir: &Path, policy: &Policy) -> Destination {
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut best: Option<Destination> = None;
    for d in list(policy) {
        let root = std::fs::canonicalize(&d.path).unwrap_or_else(|_| d.path.clone());
        if canon.starts_with(&root) {
            let better = best
                .as_ref()
                .is_none_or(|b| root.components().count() > b.path.components().count());
            if better {
                best = Some(Destination { path: root, ..d });
            }
        }
    }
    best.unwrap_or(Destination {
        kind: Kind::Other,
        path: canon.clone(),
        label: None,
        volume_id: None,
        free_bytes: crate::platform::free_space(&canon).ok(),
        signal: None,
    })
}

/// The removable drives mounted now.
pub fn removable_drives() -> Vec<Destination> {
    #[cfg(target_os = "linux")]
    {
        linux::removable_drives()
    }
    #[cfg(windows)]
    {
        windows::removable_drives()
    }
    #[cfg(target_os = "macos")]
    {
        macos::removable_drives()
    }
    #[cfg(not(any(target_os = "linux", windows, target_os = "macos")))]
    {
        Vec::new()
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::{Destination, Kind};
    use std::path::{Path, PathBuf};

    /// Decodes the octal escapes (`\040` for space) that mountinfo uses.
    pub(super) fn unescape(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\'
                && i + 3 < b.len()
                && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
            {
                let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
                out.push(v);
                i += 4;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Finds the name in /dev/disk/by-X that links to `dev`.
    fn by_link(kind: &str, dev: &Path) -> Option<String> {
        let dir = Path::new("/dev/disk").join(kind);
        let dev = std::fs::canonicalize(dev).ok()?;
        for e in std::fs::read_dir(dir).ok()?.flatten() {
            if std::fs::canonicalize(e.path()).ok().as_deref() == Some(dev.as_path()) {
                return Some(unescape(
                    &e.file_name().to_string_lossy().replace("\\x20", " "),
                ));
            }
        }
        None
    }

    /// Why this block device counts as removable, if it does.
    fn removable_signal(dev: &Path, mount: &Path) -> Option<String> {
        let name = dev.file_name()?.to_string_lossy().into_owned();
        let sys = std::fs::canonicalize(Path::new("/sys/class/block").join(&name)).ok();
        if let Some(sys) = &sys {
            // The partition's own flag, then its parent disk's.
            for p in [
                sys.clone(),
                sys.parent().map(Path::to_path_buf).unwrap_or_default(),
            ] {
                if std::fs::read_to_string(p.join("removable"))
                    .map(|s| s.trim() == "1")
                    .unwrap_or(false)
                {
                    return Some("sysfs removable flag".into());
                }
            }
            if sys.to_string_lossy().contains("/usb") {
                return Some("USB bus".into());
            }
            if name.starts_with("mmcblk") {
                return Some("SD card slot".into());
            }
        }
        if let Some(id) = by_link("by-id", dev)
            && id.starts_with("usb-")
        {
            return Some("udev by-id usb".into());
        }
        let m = mount.to_string_lossy();
        if m.starts_with("/media/") || m.starts_with("/run/media/") {
            return Some("mounted under /media".into());
        }
        None
    }

    pub fn removable_drives() -> Vec<Destination> {
        let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for line in info.lines() {
            let Some((left, right)) = line.split_once(" - ") else {
                continue;
            };
            let l: Vec<&str> = left.split(' ').collect();
            let r: Vec<&str> = right.split(' ').collect();
            if l.len() < 5 || r.len() < 2 {
                continue;
            }
            let mount = PathBuf::from(unescape(l[4]));
            let source = unescape(r[1]);
            if !source.starts_with("/dev/") {
                continue;
            }
            let dev = PathBuf::from(&source);
            let Some(signal) = removable_signal(&dev, &mount) else {
                continue;
            };
            if out.iter().any(|d: &Destination| d.path == mount) {
                continue;
            }
            out.push(Destination {
                kind: Kind::Removable,
                label: by_link("by-label", &dev),
                volume_id: by_link("by-uuid", &dev),
                free_bytes: crate::platform::free_space(&mount).ok(),
                path: mount,
                signal: Some(signal),
            });
        }
        out
    }
}

#[cfg(target_os = "macos")]
mod macos {
    use super::{Destination, Kind};
    use std::process::Command;

    /// Reads `diskutil info VOLUME` (the DiskArbitration command-line front end): its
    /// "Key: value" lines give the volume UUID and whether the device is removable,
    /// external or on a USB/SD bus.
    fn diskutil(path: &std::path::Path) -> Option<std::collections::HashMap<String, String>> {
        let out = Command::new("/usr/sbin/diskutil")
            .arg("info")
            .arg(path)
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        Some(
            text.lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect(),
        )
    }

    pub fn removable_drives() -> Vec<Destination> {
        let mut out = Vec::new();
        let Ok(dir) = std::fs::read_dir("/Volumes") else {
            return out;
        };
        for e in dir.flatten() {
            let path = e.path();
            // The startup disk appears in /Volumes as a link to "/".
            if std::fs::canonicalize(&path)
                .map(|p| p == std::path::Path::new("/"))
                .unwrap_or(true)
            {
                continue;
            }
            let info = diskutil(&path).unwrap_or_default();
            let get = |k: &str| info.get(k).map(String::as_str).unwrap_or("");
            let signal = if get("Removable Media") == "Removable" || get("Ejectable") == "Yes" {
                "diskutil: removable/ejectable media"
            } else if matches!(get("Protocol"), "USB" | "Secure Digital") {
                "diskutil: USB or SD bus"
            } else if get("Device Location") == "External" {
                "diskutil: external device"
            } else if info.is_empty() {
                "mounted under /Volumes"
            } else {
                continue; // an internal volume (e.g. a second partition)
            };
            let label = Some(get("Volume Name"))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .or_else(|| Some(e.file_name().to_string_lossy().into_owned()));
            out.push(Destination {
                kind: Kind::Removable,
                label,
                volume_id: Some(get("Volume UUID"))
                    .filter(|v| !v.is_empty())
                    .map(str::to_string),
                free_bytes: crate::platform::free_space(&path).ok(),
                path,
                signal: Some(signal.into()),
            });
        }
        out
    }
}

#[cfg(windows)]
mod windows {
    use super::{Destination, Kind};
    use std::path::PathBuf;
    use windows_sys::Win32::Storage::FileSystem::{
        GetDriveTypeW, GetLogicalDrives, GetVolumeInformationW,
    };

    const DRIVE_REMOVABLE: u32 = 2;
    const DRIVE_FIXED: u32 = 3;

    /// Is the volume `letter:` on a USB, SD or MMC bus? (IOCTL_STORAGE_QUERY_PROPERTY)
    fn external_bus(letter: char) -> bool {
        use windows_sys::Win32::Foundation::{CloseHandle, INVALID_HANDLE_VALUE};
        use windows_sys::Win32::Storage::FileSystem::{
            BusTypeMmc, BusTypeSd, BusTypeUsb, CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE,
            OPEN_EXISTING,
        };
        use windows_sys::Win32::System::IO::DeviceIoControl;
        use windows_sys::Win32::System::Ioctl::{
            IOCTL_STORAGE_QUERY_PROPERTY, PropertyStandardQuery, STORAGE_DEVICE_DESCRIPTOR,
            STORAGE_PROPERTY_QUERY, StorageDeviceProperty,
        };
        let device: Vec<u16> = format!("\\\\.\\{letter}:")
            .encode_utf16()
            .chain([0])
            .collect();
        // SAFETY: plain Win32 calls with valid, correctly sized buffers; the handle is closed.
        unsafe {
            let h = CreateFileW(
                device.as_ptr(),
                0,
                FILE_SHARE_READ | FILE_SHARE_WRITE,
                std::ptr::null(),
                OPEN_EXISTING,
                0,
                std::ptr::null_mut(),
            );
            if h == INVALID_HANDLE_VALUE {
                return false;
            }
            let query = STORAGE_PROPERTY_QUERY {
                PropertyId: StorageDeviceProperty,
                QueryType: PropertyStandardQuery,
                AdditionalParameters: [0],
            };
            let mut buf = [0u8; 1024];
            let mut got = 0u32;
            let ok = DeviceIoControl(
                h,
                IOCTL_STORAGE_QUERY_PROPERTY,
                (&query as *const STORAGE_PROPERTY_QUERY).cast(),
                std::mem::size_of::<STORAGE_PROPERTY_QUERY>() as u32,
                buf.as_mut_ptr().cast(),
                buf.len() as u32,
                &mut got,
                std::ptr::null_mut(),
            );
            CloseHandle(h);
            if ok == 0 || (got as usize) < std::mem::size_of::<STORAGE_DEVICE_DESCRIPTOR>() {
                return false;
            }
            let desc = std::ptr::read_unaligned(buf.as_ptr().cast::<STORAGE_DEVICE_DESCRIPTOR>());
            [BusTypeUsb, BusTypeSd, BusTypeMmc].contains(&desc.BusType)
        }
    }

    pub fn removable_drives() -> Vec<Destination> {
        let mut out = Vec::new();
        // SAFETY: no arguments.
        let mask = unsafe { GetLogicalDrives() };
        for i in 0..26u32 {
            if mask & (1 << i) == 0 {
                continue;
            }
            let letter = (b'A' + i as u8) as char;
            let root: Vec<u16> = format!("{letter}:\\").encode_utf16().chain([0]).collect();
            // SAFETY: NUL-terminated wide string.
            let kind = unsafe { GetDriveTypeW(root.as_ptr()) };
            // Windows reports USB hard disks and SSDs as fixed: ask the device for its bus.
            let signal = if kind == DRIVE_REMOVABLE {
                "Windows drive type: removable"
            } else if kind == DRIVE_FIXED && external_bus(letter) {
                "USB or SD bus (IOCTL_STORAGE_QUERY_PROPERTY)"
            } else {
                continue;
            };
            let mut label = [0u16; 261];
            let mut serial = 0u32;
            // SAFETY: buffers valid for their stated lengths; unused outputs null.
            let ok = unsafe {
                GetVolumeInformationW(
                    root.as_ptr(),
                    label.as_mut_ptr(),
                    label.len() as u32,
                    &mut serial,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    0,
                )
            };
            if ok == 0 {
                continue; // e.g. an empty card reader
            }
            let end = label.iter().position(|&c| c == 0).unwrap_or(label.len());
            let label = String::from_utf16_lossy(&label[..end]);
            let path = PathBuf::from(format!("{letter}:\\"));
            out.push(Destination {
                kind: Kind::Removable,
                label: (!label.is_empty()).then_some(label),
                volume_id: Some(format!("{:04X}-{:04X}", serial >> 16, serial & 0xFFFF)),
                free_bytes: crate::platform::free_space(&path).ok(),
                path,
                signal: Some(signal.into()),
            });
        }
        out
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn mountinfo_escapes_are_decoded() {
        assert_eq!(
            super::linux::unescape("/media/t/MY\\040STICK"),
            "/media/t/MY STICK"
        );
        assert_eq!(super::linux::unescape("plain"), "plain");
    }
}
