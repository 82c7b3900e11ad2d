; Inno Setup script: the Windows installer of Regulars (Start menu entry, uninstaller, icon,
; the .regulars backup file type). Build with packaging\windows\build.ps1, which runs
; PyInstaller first and passes the version: ISCC /DAppVersion=0.1.0 packaging\windows\regulars.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppId "org.regulars.Regulars"

[Setup]
AppId={{6B8E3C0A-4F3D-4C47-9B5E-2D7C1A9E5F21}
AppName=Regulars
AppVersion={#AppVersion}
AppPublisher=Regulars
DefaultDirName={autopf}\Regulars
DefaultGroupName=Regulars
DisableProgramGroupPage=yes
; Per user by default (no administrator needed); the person may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=Regulars-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\regulars.ico
UninstallDisplayIcon={app}\Regulars.exe
UninstallDisplayName=Regulars
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The one-folder build of packaging\regulars.spec.
Source: "..\..\build\dist\Regulars\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Regulars"; Filename: "{app}\Regulars.exe"
Name: "{group}\Uninstall Regulars"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Regulars"; Filename: "{app}\Regulars.exe"; Tasks: desktopicon

[Registry]
; .regulars backups open in Regulars, which offers to restore them.
Root: HKA; Subkey: "Software\Classes\.regulars"; ValueType: string; ValueName: ""; ValueData: "{#AppId}.backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.regulars\OpenWithProgids"; ValueType: string; ValueName: "{#AppId}.backup"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppId}.backup"; ValueType: string; ValueName: ""; ValueData: "Regulars Backup"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppId}.backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Regulars.exe,0"
Root: HKA; Subkey: "Software\Classes\{#AppId}.backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Regulars.exe"" ""%1"""

[Run]
Filename: "{app}\Regulars.exe"; Description: "{cm:LaunchProgram,Regulars}"; Flags: nowait postinstall skipifsilent

; The customer database and its backups live in %LOCALAPPDATA%\Regulars and are kept on
; uninstall: removing the program never removes a shop's customers.
