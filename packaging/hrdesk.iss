; Inno Setup 6 script: a Windows installer (hrdesk-setup-VERSION.exe) made from the folder that
; packaging/build.py leaves in dist\hrdesk. NOT TESTED: written on Linux, where neither
; Windows nor Inno Setup was at hand. See packaging/README.md, "A Windows installer".
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\hrdesk.iss
;
; Installs for the current user without administrator rights (into
; %LOCALAPPDATA%\Programs\hrdesk), or for all users (Program Files) when run as administrator.
; The office's data (%LOCALAPPDATA%\hrdesk: database, backups, logs) is never touched by
; installing, updating or uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; Fixed for ever: an update replaces the installed program because the AppId is the same.
AppId={{6B0E3C52-7A1D-4C8E-9F3A-2D54B8E1A7C9}
AppName=hrdesk
AppVersion={#AppVersion}
AppVerName=hrdesk {#AppVersion}
AppPublisher=hrdesk developers
DefaultDirName={autopf}\hrdesk
DefaultGroupName=hrdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Python 3.11 and Qt 6 need 64-bit Windows 10 or newer.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist
OutputBaseFilename=hrdesk-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\hrdesk.exe
; A running hrdesk is asked to close before its files are replaced.
CloseApplications=yes

[Languages]
; Inno Setup has no Kyrgyz translation of its own pages; Russian is the closest one offices read.
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update must not leave an older version's libraries beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\hrdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\hrdesk"; Filename: "{app}\hrdesk.exe"
Name: "{autodesktop}\hrdesk"; Filename: "{app}\hrdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\hrdesk.exe"; Description: "{cm:LaunchProgram,hrdesk}"; Flags: nowait postinstall skipifsilent
