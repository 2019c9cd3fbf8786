//! Operating-system specifics behind one small interface: who is the user, how much space
//! is free, reading back from the medium rather than the cache, renaming without
//! overwriting, and how the program was started.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The user's login name and, where the system records it, their full name.
pub fn user_names() -> Vec<String> {
    let mut names = Vec::new();
    for var in ["USER", "USERNAME", "LOGNAME"] {
        if let Some(v) = std::env::var_os(var) {
            let v = v.to_string_lossy().into_owned();
            if !v.is_empty() && !names.contains(&v) {
                names.push(v);
            }
        }
    }
    #[cfg(unix)]
    if let Some(full) = unix::full_name() {
        names.push(full);
    }
    names
}

/// The computer's name.
pub fn host_name() -> Option<String> {
    #[cfg(unix)]
    {
        unix::host_name()
    }
    #[cfg(windows)]
    {
        std::env::var("COMPUTERNAME").ok()
    }
    #[cfg(not(any(unix, windows)))]
    {
        None
    }
}

/// The machine-wide folder for safecarry's data (ledger, roster): `%ProgramData%\safecarry`
/// on Windows, `/Library/Application Support/safecarry` on macOS, `/var/lib/safecarry`
/// elsewhere.
pub fn machine_data_dir() -> PathBuf {
    #[cfg(windows)]
    {
        let base = std::env::var_os("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into());
        PathBuf::from(base).join("safecarry")
    }
    #[cfg(target_os = "macos")]
    {
        PathBuf::from("/Library/Application Support/safecarry")
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        PathBuf::from("/var/lib/safecarry")
    }
}

/// Free space, in bytes, available to this user on the volume holding `dir`.
pub fn free_space(dir: &Path) -> io::Result<u64> {
    #[cfg(unix)]
    {
        unix::free_space(dir)
    }
    #[cfg(windows)]
    {
        windows::free_space(dir)
    }
}

/// Opens `path` for reading so that reads come from the device, not the page cache.
///
/// Linux: the file's cached pages are dropped first (`posix_fadvise(DONTNEED)`, which
/// drops clean pages; the caller has already fsynced). macOS: `F_NOCACHE`. Windows:
/// `FILE_FLAG_NO_BUFFERING`, which needs sector-aligned reads: use [`AlignedBuf`].
pub fn open_uncached(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        unix::open_uncached(path)
    }
    #[cfg(windows)]
    {
        windows::open_uncached(path)
    }
}

/// A read buffer aligned for unbuffered I/O (Windows requires sector alignment).
pub struct AlignedBuf {
    ptr: *mut u8,
    len: usize,
}

impl AlignedBuf {
    const ALIGN: usize = 4096;

    pub fn new(len: usize) -> Self {
        let len = len.div_ceil(Self::ALIGN) * Self::ALIGN;
        let layout = std::alloc::Layout::from_size_align(len, Self::ALIGN).expect("layout");
        // SAFETY: layout has non-zero size.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        if ptr.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        AlignedBuf { ptr, len }
    }

    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: ptr is a live allocation of len bytes owned by self.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for AlignedBuf {
    fn drop(&mut self) {
        let layout = std::alloc::Layout::from_size_align(self.len, Self::ALIGN).expect("layout");
        // SAFETY: allocated in `new` with this layout.
        unsafe { std::alloc::dealloc(self.ptr, layout) }
    }
}

/// Is a process with this id running? Where this cannot be known, says yes (so nothing of
/// a live safecarry is ever removed).
pub fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::CloseHandle;
        use windows_sys::Win32::System::Threading::{
            OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        // SAFETY: plain Win32 calls; the handle is closed.
        unsafe {
            let h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if h.is_null() {
                return false;
            }
            CloseHandle(h);
            true
        }
    }
}

/// Asks the system to start writing `len` bytes of `file` from `offset` to the device now,
/// without waiting (Linux `sync_file_range`), so a later fsync has less to do. Elsewhere,
/// and on any error, it does nothing: the fsync still makes the data durable.
pub fn start_writeback(file: &File, offset: u64, len: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a valid open descriptor; the call only schedules write-back.
        unsafe {
            libc::sync_file_range(
                file.as_raw_fd(),
                offset as libc::off64_t,
                len as libc::off64_t,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (file, offset, len);
    }
}

/// Makes a directory entry change (create, rename) durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(windows)]
    {
        let _ = dir;
        Ok(())
    }
}

/// Renames `from` to `to`, failing with `AlreadyExists` rather than replacing anything.
pub fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        match unix::renameat2_noreplace(from, to) {
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) => {
                // The filesystem cannot do it atomically (some FUSE and network mounts).
                check_then_rename(from, to)
            }
            other => other,
        }
    }
    #[cfg(windows)]
    {
        windows::move_noreplace(from, to)
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        check_then_rename(from, to)
    }
}

#[cfg(unix)]
fn check_then_rename(from: &Path, to: &Path) -> io::Result<()> {
    if to.symlink_metadata().is_ok() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    std::fs::rename(from, to)
}

/// Restricts a file or folder to its owner (unix); a no-op elsewhere, where the user's
/// profile folders already carry owner-only ACLs.
pub fn owner_only(path: &Path, is_dir: bool) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if is_dir { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, is_dir);
        Ok(())
    }
}

/// True when the program was started by a drop onto it or a launcher rather than from a
/// shell, so its window would vanish the moment it finishes.
pub fn started_without_shell() -> bool {
    #[cfg(windows)]
    {
        windows::console_owned_by_us_alone()
    }
    #[cfg(target_os = "linux")]
    {
        unix::parent_is_not_a_shell()
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        false
    }
}

/// Saves the terminal's settings so they can be put back if the user presses Ctrl-C while
/// a passphrase prompt has echo turned off.
pub fn save_terminal() {
    #[cfg(unix)]
    unix::save_terminal();
    #[cfg(windows)]
    windows::save_console();
}

/// Typing does not show on the terminal while this is held: set for the whole of a
/// passphrase dialogue, so that a passphrase typed ahead (before its prompt appears, or
/// while the first entry is being judged) is not shown either. The prompts themselves turn
/// echo off only while they read. Dropping it puts the terminal back as it was.
pub struct EchoOff {
    #[cfg(unix)]
    saved: Option<libc::termios>,
    #[cfg(windows)]
    saved: Option<u32>,
}

/// Turns the terminal's echo off until the returned guard is dropped (nothing happens
/// when there is no terminal).
pub fn echo_off() -> EchoOff {
    EchoOff {
        #[cfg(unix)]
        saved: unix::echo_off(),
        #[cfg(windows)]
        saved: windows::echo_off(),
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(t) = self.saved {
            unix::set_terminal(&t);
        }
        #[cfg(windows)]
        if let Some(mode) = self.saved {
            windows::set_console(mode);
        }
    }
}

/// Restores what [`save_terminal`] saved.
pub fn restore_terminal() {
    #[cfg(unix)]
    unix::restore_terminal();
    #[cfg(windows)]
    windows::restore_console();
}

#[cfg(unix)]
mod unix {
    use std::ffi::CString;
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;
    use std::sync::Mutex;

    fn cstr(p: &Path) -> io::Result<CString> {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path contains NUL"))
    }

    pub fn full_name() -> Option<String> {
        // SAFETY: getuid cannot fail.
        let uid = unsafe { libc::getuid() };
        let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
        for line in passwd.lines() {
            let f: Vec<&str> = line.split(':').collect();
            if f.len() >= 5 && f[2].parse::<u32>().ok() == Some(uid) {
                let gecos = f[4].split(',').next().unwrap_or("").trim();
                if !gecos.is_empty() {
                    return Some(gecos.to_string());
                }
            }
        }
        None
    }

    pub fn host_name() -> Option<String> {
        let mut buf = [0u8; 256];
        // SAFETY: buf is valid for buf.len() bytes.
        let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if r != 0 {
            return None;
        }
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        let s = String::from_utf8_lossy(&buf[..end]).into_owned();
        (!s.is_empty()).then_some(s)
    }

    pub fn free_space(dir: &Path) -> io::Result<u64> {
        let c = cstr(dir)?;
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: c is a valid C string; st is a valid out-pointer.
        if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
            return Err(io::Error::last_os_error());
        }
        #[allow(clippy::unnecessary_cast)]
        Ok(st.f_bavail as u64 * st.f_frsize as u64)
    }

    pub fn open_uncached(path: &Path) -> io::Result<File> {
        let f = OpenOptions::new().read(true).open(path)?;
        #[cfg(target_os = "linux")]
        {
            // SAFETY: valid fd; advice on the whole file.
            let r = unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
            if r != 0 {
                return Err(io::Error::from_raw_os_error(r));
            }
        }
        #[cfg(target_os = "macos")]
        {
            // SAFETY: valid fd.
            unsafe { libc::fcntl(f.as_raw_fd(), libc::F_NOCACHE, 1) };
        }
        Ok(f)
    }

    #[cfg(target_os = "linux")]
    pub fn renameat2_noreplace(from: &Path, to: &Path) -> io::Result<()> {
        let a = cstr(from)?;
        let b = cstr(to)?;
        // SAFETY: valid C strings; renameat2 via syscall for older libcs.
        let r = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    #[cfg(target_os = "linux")]
    pub fn parent_is_not_a_shell() -> bool {
        // SAFETY: getppid cannot fail.
        let ppid = unsafe { libc::getppid() };
        let comm = match std::fs::read_to_string(format!("/proc/{ppid}/comm")) {
            Ok(c) => c.trim().to_string(),
            Err(_) => return false,
        };
        const SHELLS: &[&str] = &[
            "bash", "sh", "dash", "zsh", "fish", "ksh", "mksh", "tcsh", "csh", "nu", "pwsh",
            "elvish", "xonsh", "tmux", "screen", "sshd", "sudo", "su", "doas", "login", "expect",
            "tclsh", "make", "cargo", "python3", "python", "perl", "env", "timeout", "xargs",
            "nohup", "setsid", "strace", "time", "watch",
        ];
        !SHELLS.contains(&comm.as_str())
    }

    static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

    pub fn save_terminal() {
        if let Ok(tty) = File::open("/dev/tty") {
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            // SAFETY: valid fd and out-pointer.
            if unsafe { libc::tcgetattr(tty.as_raw_fd(), &mut t) } == 0 {
                *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(t);
            }
        }
    }

    pub fn restore_terminal() {
        let saved = *SAVED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = saved {
            set_terminal(&t);
        }
    }

    pub fn set_terminal(t: &libc::termios) {
        if let Ok(tty) = File::open("/dev/tty") {
            // SAFETY: valid fd and termios.
            unsafe { libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, t) };
        }
    }

    /// Turns echo off (keeping line editing), and returns the settings to put back.
    pub fn echo_off() -> Option<libc::termios> {
        let tty = File::open("/dev/tty").ok()?;
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: valid fd and out-pointer.
        if unsafe { libc::tcgetattr(tty.as_raw_fd(), &mut t) } != 0 {
            return None;
        }
        let mut quiet = t;
        // As the prompt itself does: no echo, but the newline of Enter still shows.
        quiet.c_lflag &= !libc::ECHO;
        quiet.c_lflag |= libc::ECHONL;
        // SAFETY: valid fd and termios.
        (unsafe { libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, &quiet) } == 0).then_some(t)
    }
}

#[cfg(windows)]
mod windows {
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::os::windows::ffi::OsStrExt;
    use std::os::windows::fs::OpenOptionsExt;
    use std::path::Path;
    use std::sync::Mutex;
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::Storage::FileSystem::{
        FILE_FLAG_NO_BUFFERING, GetDiskFreeSpaceExW, MoveFileExW,
    };
    use windows_sys::Win32::System::Console::{
        ENABLE_ECHO_INPUT, GetConsoleMode, GetConsoleProcessList, GetStdHandle, STD_INPUT_HANDLE,
        SetConsoleMode,
    };

    fn wide(p: &Path) -> Vec<u16> {
        p.as_os_str()
            .encode_wide()
            .chain(std::iter::once(0))
            .collect()
    }

    pub fn free_space(dir: &Path) -> io::Result<u64> {
        let w = wide(dir);
        let mut avail: u64 = 0;
        // SAFETY: w is NUL-terminated; out-pointers valid or null.
        let ok = unsafe {
            GetDiskFreeSpaceExW(
                w.as_ptr(),
                &mut avail,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        if ok == 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(avail)
        }
    }

    pub fn open_uncached(path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .read(true)
            .custom_flags(FILE_FLAG_NO_BUFFERING)
            .open(path)
    }

    pub fn move_noreplace(from: &Path, to: &Path) -> io::Result<()> {
        let a = wide(from);
        let b = wide(to);
        // SAFETY: NUL-terminated wide strings. Flags 0: never replace an existing file.
        if unsafe { MoveFileExW(a.as_ptr(), b.as_ptr(), 0) } == 0 {
            let e = io::Error::last_os_error();
            // ERROR_FILE_EXISTS (80) / ERROR_ALREADY_EXISTS (183)
            if matches!(e.raw_os_error(), Some(80) | Some(183)) {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            return Err(e);
        }
        Ok(())
    }

    pub fn console_owned_by_us_alone() -> bool {
        let mut pids = [0u32; 4];
        // SAFETY: buffer valid for its length.
        let n = unsafe { GetConsoleProcessList(pids.as_mut_ptr(), pids.len() as u32) };
        n == 1
    }

    static SAVED: Mutex<Option<u32>> = Mutex::new(None);

    pub fn save_console() {
        // SAFETY: plain Win32 calls with valid out-pointers.
        unsafe {
            let h = GetStdHandle(STD_INPUT_HANDLE);
            if h.is_null() || h == INVALID_HANDLE_VALUE {
                return;
            }
            let mut mode = 0u32;
            if GetConsoleMode(h, &mut mode) != 0 {
                *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(mode);
            }
        }
    }

    pub fn restore_console() {
        if let Some(mode) = *SAVED.lock().unwrap_or_else(|e| e.into_inner()) {
            set_console(mode);
        }
    }

    pub fn set_console(mode: u32) {
        // SAFETY: plain Win32 calls.
        unsafe {
            let h = GetStdHandle(STD_INPUT_HANDLE);
            SetConsoleMode(h, mode);
        }
    }

    /// Turns the console's echo off, and returns the mode to put back.
    pub fn echo_off() -> Option<u32> {
        // SAFETY: plain Win32 calls with valid out-pointers.
        unsafe {
            let h = GetStdHandle(STD_INPUT_HANDLE);
            if h.is_null() || h == INVALID_HANDLE_VALUE {
                return None;
            }
            let mut mode = 0u32;
            if GetConsoleMode(h, &mut mode) == 0 {
                return None;
            }
            (SetConsoleMode(h, mode & !ENABLE_ECHO_INPUT) != 0).then_some(mode)
        }
    }
}
