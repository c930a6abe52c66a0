; Inno Setup 6 recipe for the Agent Softphone (Windows x64). NOT RUN IN THIS REPOSITORY'S CI:
; it needs Windows, Inno Setup 6 and, for signing, a code-signing certificate. build.ps1 runs it.
;
; Silent installs (IT):
;   per machine:  softphone-<v>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS
;                   /SIPSERVER=pbx.example.com:5061 /SIPTRANSPORT=tls /CENTERURL=https://center.example.com
;                   /LOCK="sip.server,sip.transport,central.url" /LOG="%TEMP%\softphone-setup.log"
;   per user:     softphone-<v>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
;   uninstall:    "%ProgramFiles%\Agent Softphone\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
; /SIPSERVER, /SIPTRANSPORT, /CENTERURL and /LOCK write %ProgramData%\Softphone\provisioning.toml
; (per-machine installs only: a per-user install cannot provision the machine).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 softphone.iss (build.ps1 does)
#endif
#ifdef SignTool
  #define SignFlag "sign"
  #define SignOnceFlag "signonce"
#else
  #define SignFlag ""
  #define SignOnceFlag ""
#endif
#define AppName "Agent Softphone"
#define Bundle "..\..\dist\softphone"

[Setup]
; The AppId identifies the product across versions (upgrades replace, uninstall finds it): never change it.
AppId={{5B0F3C52-7A4E-4D2B-9C61-2F8E1A6B9D40}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Agent Softphone
VersionInfoVersion={#AppVersion}
; {autopf}: Program Files when installing for all users, %LocalAppData%\Programs for one user.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user by default; /ALLUSERS (or the dialog) installs per machine, which needs elevation.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=softphone-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\softphone.ico
UninstallDisplayIcon={app}\softphone-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running softphone before replacing its files (silent installs too).
CloseApplications=yes
#ifdef SignTool
; build.ps1 defines SignTool (ISCC /Ssigntool=...) when a certificate is given: the installer,
; the uninstaller and our two .exe are signed ([Files] Flags: sign); every .dll/.pyd of the bundle
; that its maker did not sign (Qt's, pjsua2's, most wheels') is signed too (signonce: Python's own,
; signed by the PSF, keep their signature), so AppLocker/WDAC DLL rules on publisher can admit it.
SignTool=signtool
SignedUninstaller=yes
#endif

[Tasks]
Name: "links"; Description: "Open tel:, sip: and callto: links with the softphone"; Flags: checkedonce

[Files]
Source: "{#Bundle}\softphone.exe"; DestDir: "{app}"; Flags: ignoreversion {#SignFlag}
Source: "{#Bundle}\softphone-gui.exe"; DestDir: "{app}"; Flags: ignoreversion {#SignFlag}
Source: "{#Bundle}\_internal\*.dll"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs {#SignOnceFlag}
Source: "{#Bundle}\_internal\*.pyd"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs {#SignOnceFlag}
Source: "{#Bundle}\_internal\*"; Excludes: "*.dll,*.pyd"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; {autoprograms}: the Start menu of all users or of this user, as the install mode says.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\softphone-gui.exe"; IconFilename: "{app}\softphone-gui.exe"

[Registry]
; URL protocols: HKA is HKLM\Software\Classes per machine, HKCU\Software\Classes per user.
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueData: "URL:tel"; Flags: uninsdeletekey; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel\DefaultIcon"; ValueType: string; ValueData: """{app}\softphone-gui.exe"",0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueData: """{app}\softphone-gui.exe"" ""%1"""; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueData: "URL:sip"; Flags: uninsdeletekey; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip\DefaultIcon"; ValueType: string; ValueData: """{app}\softphone-gui.exe"",0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip\shell\open\command"; ValueType: string; ValueData: """{app}\softphone-gui.exe"" ""%1"""; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto"; ValueType: string; ValueData: "URL:callto"; Flags: uninsdeletekey; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto\DefaultIcon"; ValueType: string; ValueData: """{app}\softphone-gui.exe"",0"; Tasks: links
Root: HKA; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueData: """{app}\softphone-gui.exe"" ""%1"""; Tasks: links

[Run]
; Inbound SIP and RTP reach the app (per machine only: a per-user install cannot change the
; firewall; Windows then asks the agent at first start). Both executables: the window and the
; headless agent.
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall add rule name=""{#AppName}"" dir=in action=allow program=""{app}\softphone-gui.exe"" enable=yes profile=any"; Flags: runhidden; Check: IsAdminInstallMode
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall add rule name=""{#AppName} (headless)"" dir=in action=allow program=""{app}\softphone.exe"" enable=yes profile=any"; Flags: runhidden; Check: IsAdminInstallMode
Filename: "{app}\softphone-gui.exe"; Description: "Start the softphone"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall delete rule name=""{#AppName}"""; Flags: runhidden; Check: IsAdminInstallMode; RunOnceId: "fw-gui"
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall delete rule name=""{#AppName} (headless)"""; Flags: runhidden; Check: IsAdminInstallMode; RunOnceId: "fw-headless"

[Code]
{ The provisioning file from the command line: /SIPSERVER= /SIPTRANSPORT= /CENTERURL= /LOCK=
  (comma-separated keys). Written only when at least one is given, per machine, and never
  overwritten by an upgrade without them (an IT-edited file stays). No secrets: the password
  is typed once by the agent and kept in Windows Credential Manager. }

function TomlString(Value: String): String;
begin
  { provisioning values are host names, URLs and key names: refuse what would break the TOML }
  if (Pos('"', Value) > 0) or (Pos('\', Value) > 0) then
    RaiseException('Provisioning values must not contain " or \: ' + Value);
  Result := '"' + Value + '"';
end;

function LockedList(Keys: String): String;
var
  Rest, Key: String;
  Comma: Integer;
begin
  Result := '';
  Rest := Keys;
  while Rest <> '' do begin
    Comma := Pos(',', Rest);
    if Comma = 0 then begin Key := Trim(Rest); Rest := ''; end
    else begin Key := Trim(Copy(Rest, 1, Comma - 1)); Rest := Copy(Rest, Comma + 1, MaxInt); end;
    if Key <> '' then begin
      if Result <> '' then Result := Result + ', ';
      Result := Result + TomlString(Key);
    end;
  end;
  Result := '[' + Result + ']';
end;

procedure WriteProvisioning();
var
  Server, Transport, Center, Lock, Folder: String;
  Lines: TArrayOfString;
  N: Integer;
begin
  Server := ExpandConstant('{param:SIPSERVER|}');
  Transport := ExpandConstant('{param:SIPTRANSPORT|}');
  Center := ExpandConstant('{param:CENTERURL|}');
  Lock := ExpandConstant('{param:LOCK|}');
  if (Server = '') and (Transport = '') and (Center = '') and (Lock = '') then Exit;
  if not IsAdminInstallMode then begin
    Log('Provisioning parameters ignored: a per-user install does not provision the machine');
    Exit;
  end;
  N := 0;
  SetArrayLength(Lines, 8);
  Lines[N] := '# Written by the installer; see README "For IT". Locked keys win over the user''s file.'; N := N + 1;
  Lines[N] := 'locked = ' + LockedList(Lock); N := N + 1;
  Lines[N] := '[sip]'; N := N + 1;
  if Server <> '' then begin Lines[N] := 'server = ' + TomlString(Server); N := N + 1; end;
  if Transport <> '' then begin Lines[N] := 'transport = ' + TomlString(Transport); N := N + 1; end;
  Lines[N] := '[central]'; N := N + 1;
  if Center <> '' then begin Lines[N] := 'url = ' + TomlString(Center); N := N + 1; end;
  SetArrayLength(Lines, N);
  Folder := ExpandConstant('{commonappdata}\Softphone');
  ForceDirectories(Folder);
  if not SaveStringsToUTF8File(Folder + '\provisioning.toml', Lines, False) then
    RaiseException('Could not write ' + Folder + '\provisioning.toml');
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then WriteProvisioning();
end;
