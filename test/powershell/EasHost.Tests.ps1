# Pester specs for the EAS host modules (assets/powershell): JSON in and out, request checks,
# splatting, error records, output cap, and the host process's framing over real stdin/stdout.

BeforeAll {
    $script:AssetDir = Join-Path $PSScriptRoot '..' '..' 'assets' 'powershell' | Resolve-Path | Select-Object -ExpandProperty Path
    $script:StubModuleRoot = Join-Path $PSScriptRoot '..' 'fixtures' 'powershell' | Resolve-Path | Select-Object -ExpandProperty Path
    Import-Module (Join-Path $script:AssetDir 'EasProtocol.psm1') -Force
    Import-Module (Join-Path $script:AssetDir 'EasJson.psm1') -Force

    # A test allow-list with one echo command per parameter type, so splatting can be observed.
    $allowList = @{
        version = 1
        cmdlets = @{
            'Test-EasEcho'  = @{ kind = 'session'; params = @{
                    Text = @{ type = 'string' }; Texts = @{ type = 'string[]' }; Flag = @{ type = 'bool' }
                    Switchy = @{ type = 'switch' }; Count = @{ type = 'int' }; Update = @{ type = 'multivalued-update' }
                    Token = @{ type = 'string'; secret = $true }
                }
            }
            'Test-EasFail'  = @{ kind = 'session'; params = @{ Mode = @{ type = 'string'; required = $true }; Token = @{ type = 'string'; secret = $true } } }
            'Test-EasRead'  = @{ kind = 'read'; params = @{} }
            'Test-EasMany'  = @{ kind = 'read'; params = @{ N = @{ type = 'int' } } }
            'Test-EasGone'  = @{ kind = 'session'; params = @{} }
            'Test-EasMulti' = @{ kind = 'session'; params = @{ A = @{ type = 'string' }; B = @{ type = 'string' } }; atLeastOneOf = @('A', 'B') }
            'Host.Ping'     = @{ kind = 'host'; params = @{} }
        }
    }
    $script:AllowListPath = Join-Path $TestDrive 'allowlist.json'
    Set-Content -LiteralPath $script:AllowListPath -Value ($allowList | ConvertTo-Json -Depth 10) -Encoding utf8NoBOM

    function global:Test-EasEcho {
        [CmdletBinding()]
        param([string] $Text, [string[]] $Texts, [bool] $Flag, [switch] $Switchy, [int] $Count, [hashtable] $Update, [string] $Token)
        $bound = [ordered] @{}
        foreach ($key in $PSBoundParameters.Keys) { $bound[$key] = $PSBoundParameters[$key] }
        [pscustomobject] @{
            Bound = @($PSBoundParameters.Keys | Sort-Object); Text = $Text; Texts = $Texts; TextsType = if ($null -ne $Texts) { $Texts.GetType().Name } else { $null }
            Flag = $Flag; Switchy = [bool] $Switchy; Count = $Count; Update = $Update
        }
    }
    function global:Test-EasFail {
        [CmdletBinding()]
        param([string] $Mode, [string] $Token)
        switch ($Mode) {
            'throw' { throw "It broke with $Token inside." }
            'write-error' { Write-Error -Message 'Soft failure.' -Category ResourceUnavailable -ErrorId 'SoftFailure' }
            'partial' { 'first result'; Write-Error -Message 'One item failed.' -Category ReadError -ErrorId 'PartialFailure' }
            'warn' { Write-Warning "Careful with $Token."; 'ok' }
        }
    }
    function global:Test-EasRead { [CmdletBinding()] param() 'read' }
    function global:Test-EasMany {
        [CmdletBinding()]
        param([int] $N)
        # Records how far it got, so a test can see that a stop really ended the pipeline.
        $global:EasManyProduced = 0
        for ($i = 1; $i -le $N; $i++) { $global:EasManyProduced = $i; [pscustomobject] @{ N = $i } }
    }
    function global:Test-EasMulti { [CmdletBinding()] param([string] $A, [string] $B) 'multi' }

    function script:Invoke-Line([string] $Line, $State = $script:State) {
        $text = Invoke-EasRequestLine -Line $Line -State $State
        $text | Should -BeLike '@@EASHOST@@ *'
        return ($text.Substring('@@EASHOST@@ '.Length) | ConvertFrom-Json -AsHashtable -DateKind String)
    }
    function script:Invoke-Request([string] $Cmdlet, $Params = @{}, $State = $script:State) {
        $line = @{ id = 't-1'; cmdlet = $Cmdlet; params = $Params } | ConvertTo-Json -Depth 10 -Compress
        return Invoke-Line $line $State
    }
}

AfterAll {
    Remove-Item Function:\Test-EasEcho, Function:\Test-EasFail, Function:\Test-EasRead, Function:\Test-EasMulti, Function:\Test-EasMany -ErrorAction SilentlyContinue
}

Describe 'ConvertFrom-EasJson' {
    It 'keeps integers and fractions apart and leaves date-like strings as strings' {
        $tree = ConvertFrom-EasJson '{"i":5,"f":5.0,"e":1e3,"d":"2026-11-26T09:15:00Z","n":null,"b":true,"a":["x"]}'
        $tree['i'] | Should -BeOfType [long]
        $tree['f'] | Should -BeOfType [double]
        $tree['e'] | Should -BeOfType [double]
        $tree['d'] | Should -BeOfType [string]
        $tree['d'] | Should -BeExactly '2026-11-26T09:15:00Z'
        $tree['n'] | Should -BeNullOrEmpty
        $tree['b'] | Should -BeTrue
        , $tree['a'] | Should -BeOfType [object[]]
    }
    It 'refuses duplicate keys but keeps keys that differ only in case apart' {
        { ConvertFrom-EasJson '{"a":1,"a":2}' } | Should -Throw
        $tree = ConvertFrom-EasJson '{"Identity":"x","identity":"y"}'
        $tree.Count | Should -Be 2
    }
    It 'throws on malformed JSON' {
        { ConvertFrom-EasJson '{"a":' } | Should -Throw
    }
}

Describe 'ConvertTo-EasPlainValue' {
    It 'writes enums as their names' {
        ConvertTo-EasPlainValue ([System.DayOfWeek]::Friday) | Should -BeExactly 'Friday'
        ConvertTo-EasPlainValue ([System.IO.FileAttributes] 'ReadOnly, Hidden') | Should -BeExactly 'ReadOnly, Hidden'
    }
    It 'writes every kind of date as ISO 8601 UTC with Z' {
        $utc = [datetime]::new(2026, 11, 26, 9, 15, 0, [System.DateTimeKind]::Utc)
        ConvertTo-EasPlainValue $utc | Should -BeExactly '2026-11-26T09:15:00.0000000Z'
        ConvertTo-EasPlainValue $utc.ToLocalTime() | Should -BeExactly '2026-11-26T09:15:00.0000000Z'
        ConvertTo-EasPlainValue ([datetime]::new(2026, 11, 26, 9, 15, 0, [System.DateTimeKind]::Unspecified)) | Should -BeExactly '2026-11-26T09:15:00.0000000Z'
        ConvertTo-EasPlainValue ([datetimeoffset]::new(2026, 11, 26, 11, 15, 0, [timespan]::FromHours(2))) | Should -BeExactly '2026-11-26T09:15:00.0000000Z'
    }
    It 'keeps one- and zero-element collections as arrays' {
        $one = ConvertTo-EasPlainValue ([System.Collections.Generic.List[string]] @('only'))
        , $one | Should -BeOfType [object[]]
        $one.Count | Should -Be 1
        $none = ConvertTo-EasPlainValue ([System.Collections.ArrayList]::new())
        , $none | Should -BeOfType [object[]]
        $none.Count | Should -Be 0
        $object = ConvertTo-EasPlainValue ([pscustomobject] @{ Ids = [string[]] @('A') })
        ConvertTo-EasJsonText $object | Should -BeExactly '{"Ids":["A"]}'
    }
    It 'keeps nested objects whole to depth 12 and cuts a cyclic graph at the depth limit' {
        $node = [pscustomobject] @{ Leaf = 'bottom' }
        for ($i = 0; $i -lt 12; $i++) { $node = [pscustomobject] @{ Child = $node } }
        $json = ConvertTo-EasJsonText (ConvertTo-EasPlainValue $node)
        $json | Should -BeLike '*"Leaf":"bottom"*'
        $cycle = @{ Name = 'loop' }
        $cycle['Self'] = $cycle
        { ConvertTo-EasJsonText (ConvertTo-EasPlainValue $cycle) } | Should -Not -Throw
    }
    It 'turns values JSON cannot hold into strings or nulls' {
        ConvertTo-EasPlainValue ([double]::NaN) | Should -BeExactly 'NaN'
        ConvertTo-EasPlainValue ([guid]'0d5f5e0c-0000-4000-8000-000000000004') | Should -BeExactly '0d5f5e0c-0000-4000-8000-000000000004'
        ConvertTo-EasPlainValue ([timespan]::FromMinutes(90)) | Should -BeExactly '01:30:00'
        ConvertTo-EasPlainValue (ConvertTo-SecureString 'x' -AsPlainText -Force) | Should -BeNullOrEmpty
    }
}

Describe 'Request checks' {
    BeforeEach {
        $script:State = New-EasHostState -AllowList (Read-EasAllowList -Path $script:AllowListPath)
    }
    It 'answers <Line> with bad-request and a null id' -TestCases @(
        @{ Line = 'not json' }, @{ Line = '[1,2]' }, @{ Line = '"text"' }, @{ Line = '{"cmdlet":"Host.Ping"}' },
        @{ Line = '{"id":"a b","cmdlet":"Host.Ping"}' }, @{ Line = '{"id":"ok\n","cmdlet":"Host.Ping"}' }, @{ Line = '{"id":5,"cmdlet":"Host.Ping"}' }
    ) {
        $response = Invoke-Line $Line
        $response.id | Should -BeNullOrEmpty
        $response.ok | Should -BeFalse
        $response.error.kind | Should -BeExactly 'bad-request'
    }
    It 'ignores blank lines' {
        Invoke-EasRequestLine -Line '   ' -State $script:State | Should -BeNullOrEmpty
    }
    It 'refuses cmdlets outside the allow-list, case included' {
        (Invoke-Request 'Invoke-Expression').error.kind | Should -BeExactly 'not-allowed'
        (Invoke-Request 'test-easecho').error.kind | Should -BeExactly 'not-allowed'
    }
    It 'refuses <Why>' -TestCases @(
        @{ Why = 'an unknown parameter'; Params = @{ Other = 'x' } },
        @{ Why = 'a parameter in the wrong case'; Params = @{ text = 'x' } },
        @{ Why = 'a number for a string'; Params = @{ Text = 1 } },
        @{ Why = 'a string for a bool'; Params = @{ Flag = 'true' } },
        @{ Why = 'a fraction for an int'; Params = @{ Count = 1.5 } },
        @{ Why = 'an int beyond 32 bits'; Params = @{ Count = 4294967296 } },
        @{ Why = 'a mixed string[]'; Params = @{ Texts = @('a', 1) } },
        @{ Why = 'an update with an unknown key'; Params = @{ Update = @{ Add = @('a'); Set = @('b') } } },
        @{ Why = 'an empty update'; Params = @{ Update = @{} } }
    ) {
        $response = Invoke-Request 'Test-EasEcho' $Params
        $response.error.kind | Should -BeExactly 'invalid-params'
        $response.error.cmdlet | Should -BeExactly 'Test-EasEcho'
    }
    It 'enforces required and atLeastOneOf parameters' {
        (Invoke-Request 'Test-EasFail' @{}).error.message | Should -BeLike "*'Mode' is required*"
        (Invoke-Request 'Test-EasMulti' @{}).error.kind | Should -BeExactly 'invalid-params'
        (Invoke-Request 'Test-EasMulti' @{ B = 'x' }).ok | Should -BeTrue
    }
    It 'answers read cmdlets with not-connected until a connect succeeds' {
        (Invoke-Request 'Test-EasRead').error.kind | Should -BeExactly 'not-connected'
        $script:State.Connected = $true
        (Invoke-Request 'Test-EasRead').data | Should -Be @('read')
    }
    It 'never puts a parameter value into an invalid-params message' {
        $response = Invoke-Request 'Test-EasEcho' @{ Token = 42 }
        $response.error.message | Should -Not -BeLike '*42*'
    }
}

Describe 'Splatting' {
    BeforeEach {
        $script:State = New-EasHostState -AllowList (Read-EasAllowList -Path $script:AllowListPath)
    }
    It 'passes a hostile string through unchanged: <Value>' -TestCases @(
        @{ Value = '$(Remove-Item -Recurse /)' }, @{ Value = "'; exit; '" }, @{ Value = '`$x`' }, @{ Value = "a`nb`r`nc" },
        @{ Value = 'аlex@contoso.com' }, @{ Value = '@{a=1}' }, @{ Value = '-Identity x' }, @{ Value = ('z' * 100KB) }
    ) {
        $response = Invoke-Request 'Test-EasEcho' @{ Text = $Value; Texts = @($Value) }
        $response.ok | Should -BeTrue
        $response.data[0].Text | Should -BeExactly $Value
        $response.data[0].Texts | Should -Be @($Value)
    }
    It 'passes switches only when true and bools as bools' {
        $off = (Invoke-Request 'Test-EasEcho' @{ Switchy = $false; Flag = $false }).data[0]
        # ErrorAction/WarningAction are the host's own common parameters, not request values.
        @($off.Bound | Where-Object { $_ -notin 'ErrorAction', 'WarningAction' }) | Should -Be @('Flag')
        $off.Flag | Should -BeFalse
        $on = (Invoke-Request 'Test-EasEcho' @{ Switchy = $true; Count = 7 }).data[0]
        $on.Switchy | Should -BeTrue
        $on.Count | Should -Be 7
    }
    It 'keeps a one-element string[] an array and builds @{Add; Remove} updates' {
        $echo = (Invoke-Request 'Test-EasEcho' @{ Texts = @('one'); Update = @{ Add = @('A1'); Remove = @('R1', 'R2') } }).data[0]
        $echo.TextsType | Should -BeExactly 'String[]'
        $echo.Update.Add | Should -Be @('A1')
        $echo.Update.Remove | Should -Be @('R1', 'R2')
    }
}

Describe 'Error records and warnings' {
    BeforeEach {
        $script:State = New-EasHostState -AllowList (Read-EasAllowList -Path $script:AllowListPath)
    }
    It 'reports a terminating error as cmdlet-error with the secret redacted' {
        $response = Invoke-Request 'Test-EasFail' @{ Mode = 'throw'; Token = 'sekrit-123' }
        $response.error.kind | Should -BeExactly 'cmdlet-error'
        $response.error.message | Should -BeExactly 'It broke with [redacted] inside.'
        $response.error.cmdlet | Should -BeExactly 'Test-EasFail'
    }
    It 'reports a non-terminating error without output as cmdlet-error with category and id' {
        $response = Invoke-Request 'Test-EasFail' @{ Mode = 'write-error' }
        $response.error.kind | Should -BeExactly 'cmdlet-error'
        $response.error.category | Should -BeExactly 'ResourceUnavailable'
        $response.error.fullyQualifiedErrorId | Should -BeLike 'SoftFailure*'
    }
    It 'returns output beside a non-terminating error, with the error as a warning' {
        $response = Invoke-Request 'Test-EasFail' @{ Mode = 'partial' }
        $response.ok | Should -BeTrue
        $response.data | Should -Be @('first result')
        $response.warnings | Should -Be @('Error: One item failed.')
    }
    It 'collects warnings, redacted' {
        $response = Invoke-Request 'Test-EasFail' @{ Mode = 'warn'; Token = 'sekrit-123' }
        $response.warnings | Should -Be @('Careful with [redacted].')
    }
    It 'reports an allow-listed cmdlet that does not exist as command-not-found' {
        $response = Invoke-Request 'Test-EasGone'
        $response.error.kind | Should -BeExactly 'command-not-found'
        $response.error.message | Should -BeLike "*'Test-EasGone' is not recognized*"
    }
}

Describe 'Output cap' {
    It 'answers output-too-large when the JSON exceeds the cap' {
        $state = New-EasHostState -AllowList (Read-EasAllowList -Path $script:AllowListPath) -MaxOutputBytes 1000
        $response = Invoke-Request 'Test-EasEcho' @{ Text = ('x' * 2000) } $state
        $response.error.kind | Should -BeExactly 'output-too-large'
        $response.id | Should -BeExactly 't-1'
    }
    It 'writes a 30 MB result as one line' {
        $state = New-EasHostState -AllowList (Read-EasAllowList -Path $script:AllowListPath)
        $line = Invoke-EasRequestLine -Line (@{ id = 'big'; cmdlet = 'Test-EasEcho'; params = @{ Text = ('y' * 30MB) } } | ConvertTo-Json -Compress) -State $state
        $line.Length | Should -BeGreaterThan 30MB
        $line.Contains("`n") | Should -BeFalse
    }
}

Describe 'Paged requests' {
    BeforeEach {
        $script:State = New-EasHostState -AllowList (Read-EasAllowList -Path $script:AllowListPath)
        $script:State.Connected = $true
        $script:Pages = New-Object System.Collections.Generic.List[object]
        $script:Answers = New-Object System.Collections.Generic.Queue[bool]
        $script:OnPage = {
            param([string] $PageLine, [string] $Id)
            $script:Pages.Add(($PageLine.Substring(12) | ConvertFrom-Json -AsHashtable))
            return $script:Answers.Dequeue()
        }
        function script:Invoke-Paged([string] $Line) {
            $text = Invoke-EasRequestLine -Line $Line -State $script:State -OnPage $script:OnPage
            return ($text.Substring(12) | ConvertFrom-Json -AsHashtable)
        }
    }
    It 'sends full pages as they fill and the rest with the total in the response' {
        foreach ($answer in @($true, $true)) { $script:Answers.Enqueue($answer) }
        $response = Invoke-Paged '{"id":"pg1","cmdlet":"Test-EasMany","params":{"N":5},"page":{"size":2}}'
        $script:Pages.Count | Should -Be 2
        $script:Pages[0].type | Should -BeExactly 'page'
        $script:Pages[0].id | Should -BeExactly 'pg1'
        @($script:Pages[0].seq, $script:Pages[1].seq) | Should -Be @(1, 2)
        @($script:Pages[1].data | ForEach-Object { $_.N }) | Should -Be @(3, 4)
        $script:Pages[1].count | Should -Be 4
        $response.ok | Should -BeTrue
        @($response.data | ForEach-Object { $_.N }) | Should -Be @(5)
        $response.count | Should -Be 5
    }
    It 'stops the cmdlet when the client cancels, and answers cancelled' {
        $script:Answers.Enqueue($false)
        $response = Invoke-Paged '{"id":"pg2","cmdlet":"Test-EasMany","params":{"N":1000},"page":{"size":10}}'
        $script:Pages.Count | Should -Be 1
        $response.ok | Should -BeFalse
        $response.error.kind | Should -BeExactly 'cancelled'
        $global:EasManyProduced | Should -BeLessThan 20
    }
    It 'hands the requested window (1 when not asked) to the page writer with every page' {
        $windows = New-Object System.Collections.Generic.List[int]
        $capture = { param([string] $PageLine, [string] $Id, [int] $Window) $windows.Add($Window); return $true }
        $null = Invoke-EasRequestLine -Line '{"id":"pw1","cmdlet":"Test-EasMany","params":{"N":4},"page":{"size":2,"window":3}}' -State $script:State -OnPage $capture
        $null = Invoke-EasRequestLine -Line '{"id":"pw2","cmdlet":"Test-EasMany","params":{"N":2},"page":{"size":2}}' -State $script:State -OnPage $capture
        @($windows) | Should -Be @(3, 3, 1)
    }
    It 'answers a result shorter than a page with no page at all' {
        $response = Invoke-Paged '{"id":"pg3","cmdlet":"Test-EasMany","params":{"N":3},"page":{"size":10}}'
        $script:Pages.Count | Should -Be 0
        $response.count | Should -Be 3
    }
    It 'refuses <Why>' -TestCases @(
        @{ Why = 'paging a cmdlet that is not a read'; Line = '{"id":"pg4","cmdlet":"Test-EasEcho","params":{},"page":{"size":2}}' },
        @{ Why = 'a page size of 0'; Line = '{"id":"pg5","cmdlet":"Test-EasMany","params":{"N":1},"page":{"size":0}}' },
        @{ Why = 'a page size over 5000'; Line = '{"id":"pg6","cmdlet":"Test-EasMany","params":{"N":1},"page":{"size":5001}}' },
        @{ Why = 'a page that is not {size}'; Line = '{"id":"pg7","cmdlet":"Test-EasMany","params":{"N":1},"page":{"size":2,"x":1}}' },
        @{ Why = 'a window of 0'; Line = '{"id":"pg8","cmdlet":"Test-EasMany","params":{"N":1},"page":{"size":2,"window":0}}' },
        @{ Why = 'a window over 8'; Line = '{"id":"pg9","cmdlet":"Test-EasMany","params":{"N":1},"page":{"size":2,"window":9}}' },
        @{ Why = 'a window that is not a number'; Line = '{"id":"pg10","cmdlet":"Test-EasMany","params":{"N":1},"page":{"size":2,"window":"4"}}' }
    ) {
        (Invoke-Paged $Line).error.kind | Should -BeExactly 'invalid-params'
    }
    It 'reads an acknowledgement only as "more" for the same request' {
        Test-EasPageAck -Line '{"type":"more","id":"a"}' -Id 'a' | Should -BeTrue
        Test-EasPageAck -Line '{"type":"more","id":"b"}' -Id 'a' | Should -BeFalse
        Test-EasPageAck -Line '{"type":"cancel","id":"a"}' -Id 'a' | Should -BeFalse
        Test-EasPageAck -Line 'garbage' -Id 'a' | Should -BeFalse
        Test-EasPageAck -Line $null -Id 'a' | Should -BeFalse
    }
}

Describe 'Host process framing' {
    BeforeAll {
        function script:Invoke-HostProcess([string[]] $Lines) {
            # Start the same PowerShell that runs these tests. Installed as a .NET tool it is
            # `dotnet pwsh.dll`, so the engine's own path is dotnet and pwsh.dll must come first.
            $engine = (Get-Process -Id $PID).Path
            $info = [System.Diagnostics.ProcessStartInfo]::new($engine)
            if ([System.IO.Path]::GetFileNameWithoutExtension($engine) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
            foreach ($argument in @('-NoLogo', '-NoProfile', '-NonInteractive', '-File', (Join-Path $script:AssetDir 'EasHost.ps1'))) { $info.ArgumentList.Add($argument) }
            $info.RedirectStandardInput = $true
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $info.UseShellExecute = $false
            $info.Environment['PSModulePath'] = $script:StubModuleRoot
            $info.Environment['NO_COLOR'] = '1'
            $process = [System.Diagnostics.Process]::Start($info)
            $stderrTask = $process.StandardError.ReadToEndAsync()
            $stdoutTask = $process.StandardOutput.ReadToEndAsync()
            foreach ($line in $Lines) { $process.StandardInput.Write($line + "`n") }
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(60000)) { $process.Kill($true); throw 'host did not exit' }
            return [pscustomobject] @{ ExitCode = $process.ExitCode; Stdout = $stdoutTask.Result; Stderr = $stderrTask.Result }
        }
        $script:Run = Invoke-HostProcess @(
            '{"id":"p1","cmdlet":"Host.Ping","params":{}}',
            'garbage line',
            '{"id":"c1","cmdlet":"Connect-ExchangeOnline","params":{"AccessToken":"pester-token-9","UserPrincipalName":"a@contoso.com"}}',
            '{"id":"n1","cmdlet":"Get-CASMailbox","params":{"Identity":"noisy@contoso.com"}}',
            '{"id":"d1","cmdlet":"Get-CASMailbox","params":{"Identity":"deep@contoso.com"}}',
            '{"id":"g1","cmdlet":"Get-ClientAccessRule","params":{}}',
            '{"id":"m1","cmdlet":"Get-MobileDevice","params":{"Mailbox":"many-5@contoso.com","ResultSize":"Unlimited"},"page":{"size":2}}',
            '{"type":"more","id":"m1"}',
            '{"type":"cancel","id":"m1"}',
            '{"id":"m2","cmdlet":"Get-MobileDevice","params":{"Mailbox":"many-5@contoso.com"},"page":{"size":2}}',
            '{"type":"more","id":"m2"}',
            '{"type":"more","id":"m2"}',
            '{"id":"m3","cmdlet":"Get-MobileDevice","params":{"Mailbox":"many-5@contoso.com"},"page":{"size":1,"window":2}}',
            '{"type":"more","id":"m3"}',
            '{"type":"more","id":"m3"}',
            '{"type":"more","id":"m3"}',
            '{"type":"more","id":"m3"}',
            '{"type":"more","id":"m3"}',
            '{"id":"m4","cmdlet":"Get-MobileDevice","params":{"Mailbox":"many-5@contoso.com"},"page":{"size":1,"window":3}}',
            '{"type":"cancel","id":"m4"}',
            '{"type":"cancel","id":"m4"}',
            '{"type":"cancel","id":"m4"}',
            '{"id":"p2","cmdlet":"Host.Ping","params":{}}'
        )
        $script:ProtocolLines = @($script:Run.Stdout -split "`n" | Where-Object { $_ -like '@@EASHOST@@ *' })
        $script:Messages = @($script:ProtocolLines | ForEach-Object { $_.Substring(12) | ConvertFrom-Json -AsHashtable -DateKind String })
    }
    It 'exits 0 at end of input' {
        $script:Run.ExitCode | Should -Be 0
    }
    It 'writes only protocol lines to stdout: ready first, then one response per request in order' {
        @($script:Run.Stdout -split "`n" | Where-Object { $_ -ne '' -and $_ -notlike '@@EASHOST@@ *' }) | Should -BeNullOrEmpty
        $script:Messages[0].type | Should -BeExactly 'ready'
        $script:Messages[0].host.kind | Should -BeExactly 'pwsh'
        @($script:Messages | Select-Object -Skip 1 | ForEach-Object { $_.id }) |
            Should -Be @('p1', $null, 'c1', 'n1', 'd1', 'g1', 'm1', 'm1', 'm1', 'm2', 'm2', 'm2', 'm3', 'm3', 'm3', 'm3', 'm3', 'm3',
                'm4', 'm4', 'm4', 'm4', 'p2')
    }
    It 'pages a listing over real stdin: waits for each acknowledgement, stops on cancel, then keeps serving' {
        $m1 = @($script:Messages | Where-Object { $_.id -eq 'm1' })
        @($m1 | ForEach-Object { $_.type }) | Should -Be @('page', 'page', 'response')
        $m1[1].count | Should -Be 4
        $m1[2].error.kind | Should -BeExactly 'cancelled'
        $m2 = @($script:Messages | Where-Object { $_.id -eq 'm2' })
        @($m2 | ForEach-Object { $_.type }) | Should -Be @('page', 'page', 'response')
        @($m2 | ForEach-Object { $_.data } | ForEach-Object { $_.DeviceId }) | Should -Be @('DEV0', 'DEV1', 'DEV2', 'DEV3', 'DEV4')
        $m2[2].count | Should -Be 5
        ($script:Messages | Where-Object { $_.id -eq 'p2' }).data[0].pong | Should -BeTrue
    }
    It 'pages with a window: answers still owed after the response are read as answers, a cancel stops within the window' {
        $m3 = @($script:Messages | Where-Object { $_.id -eq 'm3' })
        @($m3 | ForEach-Object { $_.type }) | Should -Be @('page', 'page', 'page', 'page', 'page', 'response')
        @($m3 | Select-Object -First 5 | ForEach-Object { $_.data } | ForEach-Object { $_.DeviceId }) | Should -Be @('DEV0', 'DEV1', 'DEV2', 'DEV3', 'DEV4')
        $m3[5].ok | Should -BeTrue
        $m3[5].count | Should -Be 5
        # Three pages go out before the host reads the first answer, a cancel.
        $m4 = @($script:Messages | Where-Object { $_.id -eq 'm4' })
        @($m4 | ForEach-Object { $_.type }) | Should -Be @('page', 'page', 'page', 'response')
        $m4[3].error.kind | Should -BeExactly 'cancelled'
        # The two answers still owed for m4 were not taken for requests: no bad-request before p2.
        @($script:Messages | Where-Object { $_.ok -eq $false -and $_.error.kind -eq 'bad-request' }).Count | Should -Be 1
    }
    It 'sends Write-Host, console writes and ANSI to stderr, and warnings into the response' {
        $script:Run.Stderr | Should -BeLike '*Write-Host noise*'
        $script:Run.Stderr | Should -BeLike '*Console.WriteLine noise*'
        $script:Messages[4].warnings | Should -Be @('The stub warns about something.')
    }
    It 'never writes the token anywhere' {
        $script:Run.Stdout.Contains('pester-token-9') | Should -BeFalse
        $script:Run.Stderr.Contains('pester-token-9') | Should -BeFalse
    }
    It 'keeps nesting 12 levels deep' {
        ($script:ProtocolLines[5]) | Should -BeLike '*"Level":12,"Leaf":"bottom"*'
    }
    It 'answers the retired Get-ClientAccessRule with command-not-found' {
        $script:Messages[6].error.kind | Should -BeExactly 'command-not-found'
    }
}

Describe 'Remove-MobileDevice through the host' {
    BeforeAll {
        # The partnership clean-up (facts F35): the app passes -Confirm:$false, and the host's own
        # ConfirmPreference None means even a request without it never waits on a prompt.
        $alexPhone = 'alex\ExchangeActiveSyncDevices\iPhone§Mail§A1B2C3D4E5'
        $samPhone = 'sam\ExchangeActiveSyncDevices\Android§SAMSUNGSMG991B§3F9A77C1'
        $script:RemoveRun = Invoke-HostProcess @(
            '{"id":"c1","cmdlet":"Connect-ExchangeOnline","params":{"AccessToken":"pester-token-9","UserPrincipalName":"a@contoso.com"}}',
            '{"id":"g0","cmdlet":"Get-MobileDevice","params":{"Mailbox":"alex@contoso.com"}}',
            (@{ id = 'r1'; cmdlet = 'Remove-MobileDevice'; params = @{ Identity = $alexPhone; Confirm = $false } } | ConvertTo-Json -Compress),
            '{"id":"g1","cmdlet":"Get-MobileDevice","params":{"Mailbox":"alex@contoso.com"}}',
            (@{ id = 'r2'; cmdlet = 'Remove-MobileDevice'; params = @{ Identity = $samPhone } } | ConvertTo-Json -Compress),
            '{"id":"g2","cmdlet":"Get-MobileDevice","params":{"Mailbox":"sam@contoso.com"}}',
            '{"id":"r3","cmdlet":"Remove-MobileDevice","params":{"Identity":"nobody\\ExchangeActiveSyncDevices\\X"}}',
            '{"id":"r4","cmdlet":"Remove-MobileDevice","params":{"Confirm":false}}'
        )
        $script:RemoveMessages = @{}
        foreach ($line in @($script:RemoveRun.Stdout -split "`n" | Where-Object { $_ -like '@@EASHOST@@ *' })) {
            $message = $line.Substring(12) | ConvertFrom-Json -AsHashtable -DateKind String
            if ($message.id) { $script:RemoveMessages[$message.id] = $message }
        }
    }
    It 'removes the partnership, which then reads back as gone' {
        @($script:RemoveMessages['g0'].data | ForEach-Object { $_.Identity }) | Should -Be @('alex\ExchangeActiveSyncDevices\iPhone§Mail§A1B2C3D4E5')
        $script:RemoveMessages['r1'].ok | Should -BeTrue
        @($script:RemoveMessages['g1'].data) | Should -BeNullOrEmpty
    }
    It 'never waits on a confirmation prompt, even without -Confirm:$false' {
        $script:RemoveMessages['r2'].ok | Should -BeTrue
        @($script:RemoveMessages['g2'].data) | Should -BeNullOrEmpty
    }
    It 'answers an unknown partnership with ObjectNotFound, and a request without -Identity with invalid-params' {
        $script:RemoveMessages['r3'].error.category | Should -BeExactly 'ObjectNotFound'
        $script:RemoveMessages['r4'].error.kind | Should -BeExactly 'invalid-params'
    }
}
