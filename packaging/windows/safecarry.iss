; Inno Setup script for safecarry on Windows.
; Build: cross-compile safecarry.exe (see packaging/README.md), then on a Windows machine
; with Inno Setup 6:  iscc packaging\windows\safecarry.iss
; Installs safecarry.exe for all users, a desktop shortcut that files and folders can be
; dropped onto, a "Send to > safecarry" entry, and the example policy.

#define AppName "safecarry"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C7A52-3C8E-4B8E-9B35-5A3C2E0F9D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=safecarry contributors
DefaultDirName={autopf}\safecarry
DefaultGroupName=safecarry
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=safecarry-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
LicenseFile=..\..\README.md

[Files]
Source: "..\..\target\x86_64-pc-windows-gnu\release\safecarry.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\policy.example.toml"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\docs\*.md"; DestDir: "{app}\docs"; Flags: ignoreversion
Source: "..\..\README.md"; DestDir: "{app}"; Flags: ignoreversion

[Dirs]
; The machine-wide data folder for the policy, ledger and roster.
Name: "{commonappdata}\safecarry"

[Icons]
; Files dropped onto a shortcut are passed as arguments: `safecarry PATH…` seals them.
Name: "{commondesktop}\safecarry (drop files here)"; Filename: "{app}\safecarry.exe"; WorkingDir: "{userdocs}"; Comment: "Drop files or folders here to lock them before they leave school"
Name: "{group}\safecarry"; Filename: "{app}\safecarry.exe"; WorkingDir: "{userdocs}"
; Explorer's right-click "Send to" menu.
Name: "{usersendto}\safecarry (lock for taking home)"; Filename: "{app}\safecarry.exe"; WorkingDir: "{userdocs}"

[Registry]
; Put safecarry on the system PATH so staff and IT can run it from a terminal.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Code]
function NeedsAddPath(Dir: string): boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
    'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
