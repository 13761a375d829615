<#
.SYNOPSIS
The EAS host: one long-lived PowerShell process that runs allow-listed Exchange Online cmdlets
for the ActiveSync Troubleshooter, speaking the line protocol in PROTOCOL.md beside this file.

.DESCRIPTION
Start with: pwsh -NoLogo -NoProfile -NonInteractive -File EasHost.ps1
(Windows PowerShell 5.1 works too: powershell.exe with the same arguments.)
Requests arrive one JSON object per stdin line; each response is one stdout line behind the
prefix '@@EASHOST@@ '. The protocol gets a private stdout stream; the console's own Out is
pointed at stderr so nothing else that runs here (module banners, Console.WriteLine, ANSI) can
interleave with a protocol line. stdin reaching end-of-file ends the host with exit code 0.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$global:ProgressPreference = 'SilentlyContinue'
$global:ConfirmPreference = 'None'
if ($PSVersionTable.PSEdition -eq 'Core') {
    $PSStyle.OutputRendering = 'PlainText'
}
else {
    # Windows PowerShell 5.1 serialises arrays carrying the ETS Count property as {value, Count}.
    Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
}

$utf8 = New-Object System.Text.UTF8Encoding($false)
$protocolOut = New-Object System.IO.StreamWriter([Console]::OpenStandardOutput(), $utf8)
$protocolOut.NewLine = "`n"
$diagnosticsOut = New-Object System.IO.StreamWriter([Console]::OpenStandardError(), $utf8)
$diagnosticsOut.AutoFlush = $true
[Console]::SetOut($diagnosticsOut)
$requestsIn = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), $utf8, $false)

Import-Module (Join-Path $PSScriptRoot 'EasProtocol.psm1')
$state = New-EasHostState -AllowList (Read-EasAllowList -Path (Join-Path $PSScriptRoot 'allowlist.json'))
$writeDiagnostic = { param([string] $Text) $diagnosticsOut.WriteLine($Text) }

function Send-ProtocolLine([string] $Line) {
    $protocolOut.Write($Line)
    $protocolOut.Write("`n")
    $protocolOut.Flush()
}

# A paged request writes each page; once $Window pages wait for the client's answer it reads the
# oldest answer ("more" or "cancel") before going on. A window of 1 is lock-step.
$pageAnswers = @{ Owed = 0 }
$sendPage = {
    param([string] $PageLine, [string] $Id, [int] $Window = 1)
    Send-ProtocolLine $PageLine
    $pageAnswers.Owed++
    if ($pageAnswers.Owed -lt $Window) { return $true }
    $pageAnswers.Owed--
    return (Test-EasPageAck -Line $requestsIn.ReadLine() -Id $Id)
}

Send-ProtocolLine (Format-EasReadyLine)
while ($true) {
    $line = $requestsIn.ReadLine()
    if ($null -eq $line) { break }
    $responseLine = Invoke-EasRequestLine -Line $line -State $state -OnDiagnostic $writeDiagnostic -OnPage $sendPage
    if ($null -ne $responseLine) { Send-ProtocolLine $responseLine }
    # The client answers every page before it sends anything else: the answers still owed for the
    # last pages of a window are read here, not taken for requests.
    for (; $pageAnswers.Owed -gt 0; $pageAnswers.Owed--) {
        if ($null -eq $requestsIn.ReadLine()) { $pageAnswers.Owed = 0; break }
    }
    # $Error would otherwise keep every failed request alive (and with it any message text).
    $global:Error.Clear()
}

if ($state.Connected) {
    try { Disconnect-ExchangeOnline -Confirm:$false *> $null } catch { $diagnosticsOut.WriteLine('Disconnect on exit failed.') }
}
exit 0
