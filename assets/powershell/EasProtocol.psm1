# The EAS host protocol (assets/powershell/PROTOCOL.md): request checks, the allow-list, running
# one allow-listed cmdlet by splatting, and the response envelope. No function here ever turns a
# request value into script text: values only ever land in a hashtable that is splatted.

Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'EasJson.psm1')

$script:ProtocolPrefix = '@@EASHOST@@ '
$script:IdPattern = '^[A-Za-z0-9_.:-]{1,64}\z'
$script:ExchangeKinds = @('read', 'write')
$script:DefaultMaxOutputBytes = 64MB
$script:MaxPageSize = 5000
# Most pages a client may let wait for its answer at once (PROTOCOL.md "Paged results").
$script:MaxPageWindow = 8

class EasProtocolError : System.Exception {
    [string] $Kind
    [object] $RequestId
    [string] $Cmdlet
    EasProtocolError([string] $kind, [string] $message, [object] $requestId, [string] $cmdlet) : base($message) {
        $this.Kind = $kind
        $this.RequestId = $requestId
        $this.Cmdlet = $cmdlet
    }
}

function Read-EasAllowList {
    <#
    .SYNOPSIS
    Loads allowlist.json into a case-sensitive map: cmdlet name -> @{ kind; params; atLeastOneOf }.
    #>
    param([Parameter(Mandatory)][string] $Path)
    $tree = ConvertFrom-EasJson ([System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8))
    $cmdlets = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([System.StringComparer]::Ordinal)
    foreach ($name in $tree['cmdlets'].Keys) {
        $entry = $tree['cmdlets'][$name]
        $params = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([System.StringComparer]::Ordinal)
        foreach ($parameterName in $entry['params'].Keys) { $params[$parameterName] = $entry['params'][$parameterName] }
        $atLeastOneOf = @()
        if ($entry.Contains('atLeastOneOf')) { $atLeastOneOf = @($entry['atLeastOneOf']) }
        $cmdlets[$name] = @{ Kind = $entry['kind']; Params = $params; AtLeastOneOf = $atLeastOneOf }
    }
    return , $cmdlets
}

function New-EasHostState {
    <#
    .SYNOPSIS
    The host's mutable state: the allow-list, whether Exchange is connected, the output cap.
    #>
    param([Parameter(Mandatory)] $AllowList, [long] $MaxOutputBytes = 0)
    if ($MaxOutputBytes -le 0) {
        $fromEnvironment = 0L
        if ([long]::TryParse([string] $env:EAS_HOST_MAX_OUTPUT_BYTES, [ref] $fromEnvironment) -and $fromEnvironment -gt 0) {
            $MaxOutputBytes = $fromEnvironment
        }
        else { $MaxOutputBytes = $script:DefaultMaxOutputBytes }
    }
    return [pscustomobject] @{ AllowList = $AllowList; Connected = $false; MaxOutputBytes = $MaxOutputBytes }
}

function Get-EasRequest {
    <#
    .SYNOPSIS
    Parses and checks one request line. Returns @{ Id; Cmdlet; Spec; Params } or throws
    EasProtocolError (bad-request, not-allowed, invalid-params) in that order of checks.
    #>
    param([Parameter(Mandatory)][AllowEmptyString()][string] $Line, [Parameter(Mandatory)] $AllowList)

    try { $request = ConvertFrom-EasJson $Line }
    catch { throw [EasProtocolError]::new('bad-request', 'The request line is not valid JSON.', $null, '') }
    if ($request -isnot [System.Collections.Specialized.OrderedDictionary]) {
        throw [EasProtocolError]::new('bad-request', 'The request must be a JSON object.', $null, '')
    }
    $id = $null
    if ($request.Contains('id') -and $request['id'] -is [string] -and $request['id'] -cmatch $script:IdPattern) { $id = $request['id'] }
    if ($null -eq $id) {
        throw [EasProtocolError]::new('bad-request', 'The request needs an "id" of 1-64 characters from A-Z a-z 0-9 _ . : -.', $null, '')
    }
    if (-not $request.Contains('cmdlet') -or $request['cmdlet'] -isnot [string]) {
        throw [EasProtocolError]::new('bad-request', 'The request needs a "cmdlet" string.', $id, '')
    }
    $cmdlet = $request['cmdlet']
    if (-not $AllowList.ContainsKey($cmdlet)) {
        throw [EasProtocolError]::new('not-allowed', 'This command is not on the host''s allow-list.', $id, $cmdlet)
    }
    $params = [ordered] @{}
    if ($request.Contains('params') -and $null -ne $request['params']) { $params = $request['params'] }
    if ($params -isnot [System.Collections.Specialized.OrderedDictionary]) {
        throw [EasProtocolError]::new('invalid-params', '"params" must be a JSON object.', $id, $cmdlet)
    }
    $spec = $AllowList[$cmdlet]
    Assert-EasParams -Params $params -Spec $spec -Id $id -Cmdlet $cmdlet
    $pageSize = 0
    $pageWindow = 1
    if ($request.Contains('page') -and $null -ne $request['page']) {
        $page = $request['page']
        $valid = $page -is [System.Collections.Specialized.OrderedDictionary] -and $page.Contains('size') -and
            $page['size'] -is [long] -and $page['size'] -ge 1 -and $page['size'] -le $script:MaxPageSize -and
            ($page.Count -eq 1 -or ($page.Count -eq 2 -and $page.Contains('window') -and $page['window'] -is [long] -and
                $page['window'] -ge 1 -and $page['window'] -le $script:MaxPageWindow))
        if (-not $valid) {
            throw [EasProtocolError]::new('invalid-params', "`"page`" must be {`"size`": n} with n from 1 to $($script:MaxPageSize), and an optional `"window`" from 1 to $($script:MaxPageWindow).", $id, $cmdlet)
        }
        if ($spec.Kind -cne 'read') {
            throw [EasProtocolError]::new('invalid-params', "Only read cmdlets can be paged; $cmdlet cannot.", $id, $cmdlet)
        }
        $pageSize = [int] $page['size']
        if ($page.Contains('window')) { $pageWindow = [int] $page['window'] }
    }
    return @{ Id = $id; Cmdlet = $cmdlet; Spec = $spec; Params = $params; PageSize = $pageSize; PageWindow = $pageWindow }
}

function Test-EasPageAck {
    <#
    .SYNOPSIS
    Whether the line the client sent after a page says "more" for this request. Anything else
    (cancel, another request, garbage, end of input) stops the paged cmdlet.
    #>
    param([AllowNull()][string] $Line, [Parameter(Mandatory)][string] $Id)
    if ($null -eq $Line) { return $false }
    try { $ack = ConvertFrom-EasJson $Line } catch { return $false }
    return ($ack -is [System.Collections.Specialized.OrderedDictionary] -and $ack.Contains('type') -and $ack['type'] -ceq 'more' -and
        $ack.Contains('id') -and $ack['id'] -ceq $Id)
}

function Test-EasStringArray {
    param($Value)
    if ($Value -isnot [object[]]) { return $false }
    foreach ($item in $Value) { if ($item -isnot [string]) { return $false } }
    return $true
}

function Test-EasParamValue {
    param([string] $Type, $Value)
    switch ($Type) {
        'string' { return $Value -is [string] }
        'string[]' { return (Test-EasStringArray $Value) }
        'bool' { return $Value -is [bool] }
        'switch' { return $Value -is [bool] }
        'int' { return $Value -is [long] -and $Value -ge [int]::MinValue -and $Value -le [int]::MaxValue }
        'multivalued-update' {
            if ($Value -isnot [System.Collections.Specialized.OrderedDictionary] -or $Value.Count -eq 0) { return $false }
            foreach ($key in $Value.Keys) {
                if ($key -cne 'Add' -and $key -cne 'Remove') { return $false }
                if (-not (Test-EasStringArray $Value[$key])) { return $false }
            }
            return $true
        }
    }
    return $false
}

function Assert-EasParams {
    # Error texts name parameters, never values: a value may be the access token.
    param($Params, $Spec, [string] $Id, [string] $Cmdlet)
    foreach ($name in $Params.Keys) {
        if (-not $Spec.Params.ContainsKey($name)) {
            throw [EasProtocolError]::new('invalid-params', "Parameter '$name' is not allowed for $Cmdlet.", $Id, $Cmdlet)
        }
        $type = $Spec.Params[$name]['type']
        if (-not (Test-EasParamValue -Type $type -Value $Params[$name])) {
            throw [EasProtocolError]::new('invalid-params', "Parameter '$name' of $Cmdlet must be of type $type.", $Id, $Cmdlet)
        }
    }
    foreach ($name in $Spec.Params.Keys) {
        $definition = $Spec.Params[$name]
        if ($definition.Contains('required') -and $definition['required'] -and -not $Params.Contains($name)) {
            throw [EasProtocolError]::new('invalid-params', "Parameter '$name' is required for $Cmdlet.", $Id, $Cmdlet)
        }
    }
    if ($Spec.AtLeastOneOf.Count -gt 0) {
        $present = @($Spec.AtLeastOneOf | Where-Object { $Params.Contains($_) })
        if ($present.Count -eq 0) {
            throw [EasProtocolError]::new('invalid-params', "$Cmdlet needs at least one of: $($Spec.AtLeastOneOf -join ', ').", $Id, $Cmdlet)
        }
    }
}

function New-EasSplat {
    <#
    .SYNOPSIS
    The hashtable that is splatted onto the cmdlet. Values are copied as typed data: strings stay
    strings whatever they contain, switches are passed only when true.
    #>
    param($Params, $Spec)
    $splat = @{}
    foreach ($name in $Params.Keys) {
        $value = $Params[$name]
        switch ($Spec.Params[$name]['type']) {
            'string' { $splat[$name] = [string] $value }
            'string[]' { $splat[$name] = [string[]] $value }
            'bool' { $splat[$name] = [bool] $value }
            'switch' { if ($value) { $splat[$name] = [switch] $true } }
            'int' { $splat[$name] = [int] $value }
            'multivalued-update' {
                $update = @{}
                foreach ($key in $value.Keys) { $update[$key] = [string[]] $value[$key] }
                $splat[$name] = $update
            }
        }
    }
    return $splat
}

function Get-EasSecretValues {
    param($Params, $Spec)
    $secrets = @()
    foreach ($name in $Params.Keys) {
        $definition = $Spec.Params[$name]
        # Very short values are not redacted: replacing every 't' would garble messages, and a
        # real access token is hundreds of characters long.
        if ($definition.Contains('secret') -and $definition['secret'] -and $Params[$name] -is [string] -and $Params[$name].Length -ge 8) {
            $secrets += $Params[$name]
        }
    }
    return , $secrets
}

function Hide-EasSecrets {
    param([string] $Text, [string[]] $Secrets)
    if ($null -eq $Text) { return '' }
    foreach ($secret in $Secrets) { $Text = $Text.Replace($secret, '[redacted]') }
    return $Text
}

function New-EasErrorResponse {
    param([AllowNull()][object] $Id, [string] $Kind, [string] $Message, [string] $Category = '', [string] $FullyQualifiedErrorId = '',
        [string] $Cmdlet = '', [string[]] $Warnings = @())
    $response = [ordered] @{ type = 'response'; id = $Id; ok = $false }
    $response['error'] = [ordered] @{
        kind = $Kind; category = $Category; message = $Message; fullyQualifiedErrorId = $FullyQualifiedErrorId; cmdlet = $Cmdlet
    }
    $response['warnings'] = [string[]] @($Warnings)
    return $response
}

function New-EasErrorRecordResponse {
    param([string] $Id, [string] $Cmdlet, [System.Management.Automation.ErrorRecord] $Record, [string[]] $Secrets, [string[]] $Warnings)
    $kind = 'cmdlet-error'
    if ($Record.FullyQualifiedErrorId -like 'CommandNotFoundException*') { $kind = 'command-not-found' }
    return New-EasErrorResponse -Id $Id -Kind $kind -Cmdlet $Cmdlet -Warnings $Warnings `
        -Message (Hide-EasSecrets $Record.Exception.Message $Secrets) `
        -Category $Record.CategoryInfo.Category.ToString() `
        -FullyQualifiedErrorId (Hide-EasSecrets $Record.FullyQualifiedErrorId $Secrets)
}

function Invoke-EasHostBuiltin {
    param([string] $Cmdlet)
    switch ($Cmdlet) {
        'Host.Ping' { return , @([ordered] @{ pong = $true }) }
        'Host.GetModuleInfo' {
            $module = Get-Module -ListAvailable -Name ExchangeOnlineManagement -ErrorAction SilentlyContinue |
                Sort-Object -Property Version -Descending | Select-Object -First 1
            if ($null -eq $module) { return , @() }
            return , @([ordered] @{ name = $module.Name; version = $module.Version.ToString(); path = $module.Path })
        }
    }
    throw "Unknown host built-in $Cmdlet."
}

function Invoke-EasCmdlet {
    <#
    .SYNOPSIS
    Runs one allow-listed cmdlet by splatting and sorts what it wrote: output objects become
    data, warnings become warnings, errors decide failure, Write-Host / verbose / debug text is
    passed to $OnDiagnostic (the host sends it to stderr). Returns the response dictionary.
    #>
    param([Parameter(Mandatory)] $Request, [Parameter(Mandatory)] $State, [scriptblock] $OnDiagnostic = {}, [scriptblock] $OnPage = $null)

    $id = $Request.Id
    $name = $Request.Cmdlet
    $secrets = Get-EasSecretValues $Request.Params $Request.Spec
    $command = Get-Command -Name $name -CommandType Cmdlet, Function -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $command) {
        $message = "The term '$name' is not recognized as a name of a cmdlet, function, script file, or executable program."
        return New-EasErrorResponse -Id $id -Kind 'command-not-found' -Cmdlet $name -Message $message `
            -Category 'ObjectNotFound' -FullyQualifiedErrorId 'CommandNotFoundException'
    }
    $splat = New-EasSplat $Request.Params $Request.Spec
    if ($command.CommandType -eq 'Cmdlet' -or $command.CmdletBinding) {
        # Set by the host, never from request values: keeps non-terminating errors non-terminating
        # and warnings flowing even where the caller's scope prefers otherwise.
        $splat['ErrorAction'] = 'Continue'
        $splat['WarningAction'] = 'Continue'
    }
    $data = New-Object System.Collections.Generic.List[object]
    $warnings = New-Object System.Collections.Generic.List[string]
    $errors = New-Object System.Collections.Generic.List[System.Management.Automation.ErrorRecord]
    $terminating = $null
    # Paged requests (PROTOCOL.md "Paged results"): each full page is sent through $OnPage with the
    # request's window; it writes the page and returns whether the client wants more (reading the
    # client's answer once the window is full). A stop unwinds the pipeline by throwing.
    $pageSize = 0
    $pageWindow = 1
    if ($Request.ContainsKey('PageSize') -and $null -ne $OnPage) { $pageSize = [int] $Request.PageSize }
    if ($Request.ContainsKey('PageWindow')) { $pageWindow = [int] $Request.PageWindow }
    $paging = @{ Seq = 0; Sent = 0; Stopped = $false; TooLarge = 0L }
    $sendPage = {
        $plainPage = New-Object System.Collections.Generic.List[object]
        foreach ($item in $data) { $plainPage.Add((ConvertTo-EasPlainValue $item)) }
        $data.Clear()
        $paging.Seq++
        $paging.Sent += $plainPage.Count
        $pageMessage = [ordered] @{ type = 'page'; id = $id; seq = $paging.Seq; data = $plainPage.ToArray(); count = $paging.Sent }
        $json = ConvertTo-EasJsonText $pageMessage
        $size = [System.Text.Encoding]::UTF8.GetByteCount($json)
        if ($size -gt $State.MaxOutputBytes) { $paging.TooLarge = $size; $paging.Stopped = $true }
        elseif (-not (& $OnPage ($script:ProtocolPrefix + $json) $id $pageWindow)) { $paging.Stopped = $true }
        if ($paging.Stopped) { throw 'The client stopped the paged request.' }
    }
    # Non-terminating errors must stay non-terminating here, whatever the caller's preference,
    # so that "error beside output" and "error without output" can be told apart below.
    $ErrorActionPreference = 'Continue'
    try {
        # Every stream is merged into the output and sorted below, so nothing a cmdlet writes can
        # reach stdout on its own.
        & $command @splat 2>&1 3>&1 4>&1 5>&1 6>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) }
            elseif ($_ -is [System.Management.Automation.WarningRecord]) { $warnings.Add((Hide-EasSecrets $_.Message $secrets)) }
            elseif ($_ -is [System.Management.Automation.InformationRecord] -or $_ -is [System.Management.Automation.VerboseRecord] -or
                $_ -is [System.Management.Automation.DebugRecord]) {
                & $OnDiagnostic (Hide-EasSecrets ([string] $_) $secrets)
            }
            else {
                $data.Add($_)
                if ($pageSize -gt 0 -and $data.Count -ge $pageSize) { & $sendPage }
            }
        }
    }
    catch { $terminating = $_ }
    finally { $splat.Clear() }

    $warningArray = [string[]] $warnings.ToArray()
    if ($paging.TooLarge -gt 0) {
        return New-EasErrorResponse -Id $id -Kind 'output-too-large' -Cmdlet $name -Warnings $warningArray `
            -Message "A page is $($paging.TooLarge) bytes, more than the host's limit of $($State.MaxOutputBytes) bytes. Ask for smaller pages."
    }
    if ($paging.Stopped) {
        return New-EasErrorResponse -Id $id -Kind 'cancelled' -Cmdlet $name -Category 'OperationStopped' -Warnings $warningArray `
            -Message "$name was stopped by the client after $($paging.Sent) objects."
    }
    if ($null -ne $terminating) { return New-EasErrorRecordResponse $id $name $terminating $secrets $warningArray }
    if ($errors.Count -gt 0 -and $data.Count -eq 0) { return New-EasErrorRecordResponse $id $name $errors[0] $secrets $warningArray }
    # Errors beside real output (e.g. one of several devices unreadable) are reported as warnings.
    foreach ($record in $errors) { $warnings.Add((Hide-EasSecrets "Error: $($record.Exception.Message)" $secrets)) }

    if ($name -ceq 'Connect-ExchangeOnline') { $State.Connected = $true }
    if ($name -ceq 'Disconnect-ExchangeOnline') { $State.Connected = $false }
    $plain = New-Object System.Collections.Generic.List[object]
    foreach ($item in $data) { $plain.Add((ConvertTo-EasPlainValue $item)) }
    $response = [ordered] @{ type = 'response'; id = $id; ok = $true }
    $response['data'] = $plain.ToArray()
    $response['warnings'] = [string[]] $warnings.ToArray()
    if ($pageSize -gt 0) { $response['count'] = $paging.Sent + $plain.Count }
    return $response
}

function Invoke-EasRequestLine {
    <#
    .SYNOPSIS
    Handles one stdin line end to end and returns the protocol line to write (prefix included),
    or $null for a blank line. Never throws: every failure becomes an error response.
    #>
    param([Parameter(Mandatory)][AllowEmptyString()][string] $Line, [Parameter(Mandatory)] $State, [scriptblock] $OnDiagnostic = {},
        [scriptblock] $OnPage = $null)

    if ($Line.Trim().Length -eq 0) { return $null }
    $request = $null
    try {
        $request = Get-EasRequest -Line $Line -AllowList $State.AllowList
        if ($request.Spec['Kind'] -ceq 'host') {
            $response = [ordered] @{ type = 'response'; id = $request.Id; ok = $true }
            $response['data'] = Invoke-EasHostBuiltin $request.Cmdlet
            $response['warnings'] = [string[]] @()
        }
        elseif ($script:ExchangeKinds -ccontains $request.Spec['Kind'] -and -not $State.Connected) {
            $response = New-EasErrorResponse -Id $request.Id -Kind 'not-connected' -Cmdlet $request.Cmdlet `
                -Message 'Not connected to Exchange Online yet: run Connect-ExchangeOnline first.'
        }
        else {
            $response = Invoke-EasCmdlet -Request $request -State $State -OnDiagnostic $OnDiagnostic -OnPage $OnPage
        }
    }
    catch [EasProtocolError] {
        $failure = $_.Exception
        $response = New-EasErrorResponse -Id $failure.RequestId -Kind $failure.Kind -Message $failure.Message -Cmdlet $failure.Cmdlet
    }
    catch {
        # Only the host's own faults land here (for example output that cannot be converted).
        if ($null -eq $request) {
            $response = New-EasErrorResponse -Id $null -Kind 'bad-request' -Message "The host could not read the request: $($_.Exception.Message)"
        }
        else {
            $response = New-EasErrorResponse -Id $request.Id -Kind 'cmdlet-error' -Cmdlet $request.Cmdlet `
                -Message "The host could not process the result of $($request.Cmdlet): $($_.Exception.Message)"
        }
    }
    return Format-EasResponseLine -Response $response -MaxOutputBytes $State.MaxOutputBytes
}

function Format-EasResponseLine {
    <#
    .SYNOPSIS
    Serialises a response to one prefixed line, or to an output-too-large error when the JSON
    would exceed the cap.
    #>
    param([Parameter(Mandatory)] $Response, [long] $MaxOutputBytes = $script:DefaultMaxOutputBytes)
    $json = ConvertTo-EasJsonText $Response
    $size = [System.Text.Encoding]::UTF8.GetByteCount($json)
    if ($size -gt $MaxOutputBytes) {
        $cmdlet = ''
        if ($Response.Contains('error')) { $cmdlet = $Response['error']['cmdlet'] }
        $tooLarge = New-EasErrorResponse -Id $Response['id'] -Kind 'output-too-large' -Cmdlet $cmdlet `
            -Message "The result is $size bytes, more than the host's limit of $MaxOutputBytes bytes. Ask for less (one mailbox or one device at a time)."
        $json = ConvertTo-EasJsonText $tooLarge
    }
    return $script:ProtocolPrefix + $json
}

function Format-EasReadyLine {
    <#
    .SYNOPSIS
    The ready message, sent once before any request is read.
    #>
    $kind = 'pwsh'
    if ($PSVersionTable.PSEdition -ne 'Core') { $kind = 'powershell' }
    $ready = [ordered] @{ type = 'ready'; protocol = 1 }
    $ready['host'] = [ordered] @{ kind = $kind; psVersion = $PSVersionTable.PSVersion.ToString(); edition = [string] $PSVersionTable.PSEdition; pid = $PID }
    return $script:ProtocolPrefix + (ConvertTo-EasJsonText $ready)
}

Export-ModuleMember -Function Read-EasAllowList, New-EasHostState, Get-EasRequest, Test-EasPageAck, New-EasSplat, Invoke-EasRequestLine,
    Format-EasResponseLine, Format-EasReadyLine, Invoke-EasCmdlet
