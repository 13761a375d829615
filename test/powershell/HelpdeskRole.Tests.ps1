# Pester specs for assets/powershell/admin/New-EasHelpdeskRole.ps1, run in real pwsh against the
# stub ExchangeOnlineManagement module (test/fixtures/powershell), whose role store records every
# change the script makes.

BeforeAll {
    $script:Script = Join-Path $PSScriptRoot '..' '..' 'assets' 'powershell' 'admin' 'New-EasHelpdeskRole.ps1' | Resolve-Path | Select-Object -ExpandProperty Path
    $script:AllowList = Join-Path $PSScriptRoot '..' '..' 'assets' 'powershell' 'allowlist.json' | Resolve-Path | Select-Object -ExpandProperty Path
    $script:StubManifest = Join-Path $PSScriptRoot '..' 'fixtures' 'powershell' 'ExchangeOnlineManagement' '3.9.2' 'ExchangeOnlineManagement.psd1' | Resolve-Path | Select-Object -ExpandProperty Path
    $script:Common = @('ErrorAction', 'ErrorVariable', 'WarningAction', 'WarningVariable', 'OutVariable', 'OutBuffer', 'Verbose', 'Debug')

    # The allow-list read independently of the script: every read/write cmdlet and its parameters;
    # a cmdlet behind a roleSwitch only when that switch is named.
    function script:Get-AllowListEntry([string[]] $Switches = @()) {
        $list = Get-Content -LiteralPath $script:AllowList -Raw | ConvertFrom-Json -AsHashtable
        $result = @{}
        foreach ($name in $list.cmdlets.Keys) {
            $entry = $list.cmdlets[$name]
            if ($entry.Contains('roleSwitch') -and $entry.roleSwitch -notin $Switches) { continue }
            if ($entry.kind -in @('read', 'write')) { $result[$name] = @($entry.params.Keys | Sort-Object) }
        }
        return $result
    }
    function script:Invoke-RoleScript([hashtable] $Arguments = @{}) {
        & $script:Script @Arguments 6>$null 3>$null
    }
}

Describe 'New-EasHelpdeskRole.ps1' {
    BeforeEach {
        Get-Module ExchangeOnlineManagement | Remove-Module -Force
        Import-Module $script:StubManifest -Force
        Reset-StubRole
    }
    AfterAll { Get-Module ExchangeOnlineManagement | Remove-Module -Force }

    It 'lists exactly the allow-list''s read and write cmdlets with their parameters' {
        $listed = @{}
        foreach ($row in (Invoke-RoleScript @{ ListEntries = $true })) { $listed[$row.Cmdlet] = @($row.Parameters) }
        $expected = Get-AllowListEntry
        @($listed.Keys | Sort-Object) | Should -Be @($expected.Keys | Sort-Object)
        foreach ($name in $expected.Keys) { ($listed[$name] -join ',') | Should -Be ($expected[$name] -join ',') -Because $name }
        $listed['Set-CASMailbox'] | Should -Be @('ActiveSyncAllowedDeviceIDs', 'ActiveSyncBlockedDeviceIDs', 'ActiveSyncDebugLogging', 'ActiveSyncEnabled', 'Identity')
        $listed.Keys | Should -Not -Contain 'Connect-ExchangeOnline'
    }

    It 'leaves Remove-MobileDevice out unless -IncludePartnershipCleanup is given' {
        $default = @(Invoke-RoleScript @{ ListEntries = $true })
        $default.Cmdlet | Should -Not -Contain 'Remove-MobileDevice'
        $withCleanup = @(Invoke-RoleScript @{ ListEntries = $true; IncludePartnershipCleanup = $true })
        ($withCleanup | Where-Object Cmdlet -EQ 'Remove-MobileDevice').Parameters | Should -Be @('Confirm', 'Identity')
        @($withCleanup.Cmdlet | Sort-Object) | Should -Be @((Get-AllowListEntry @('IncludePartnershipCleanup')).Keys | Sort-Object)
    }

    It 'with -Apply -IncludePartnershipCleanup keeps Remove-MobileDevice with exactly Identity and Confirm' {
        $null = Invoke-RoleScript @{ Apply = $true; IncludePartnershipCleanup = $true }
        $entry = Get-ManagementRoleEntry -Identity 'ActiveSync Helpdesk (Mail Recipients)\Remove-MobileDevice'
        @($entry.Parameters | Where-Object { $_ -notin $script:Common } | Sort-Object) | Should -Be @('Confirm', 'Identity')
        Get-StubRoleChange | Should -Not -Contain 'Remove-ManagementRoleEntry ActiveSync Helpdesk (Mail Recipients)\Remove-MobileDevice'
    }

    It 'changes nothing by default and says what it would do' {
        $plan = @(Invoke-RoleScript)
        Get-StubRoleChange | Should -BeNullOrEmpty
        $plan.Count | Should -BeGreaterThan 0
        @($plan | Where-Object Applied).Count | Should -Be 0
        $plan | Where-Object Action -EQ 'New-ManagementRole' | ForEach-Object Target | Should -Be @('ActiveSync Helpdesk (Mail Recipients)', 'ActiveSync Helpdesk (View-Only Configuration)')
        ($plan | Where-Object { $_.Action -eq 'Remove-ManagementRoleEntry' }).Target | Should -Contain 'ActiveSync Helpdesk (Mail Recipients)\Set-Mailbox'
        ($plan | Where-Object { $_.Target -eq 'ActiveSync Helpdesk (Mail Recipients)\Set-CASMailbox' }).Detail | Should -Be 'remove Confirm, ImapEnabled, OWAEnabled, PopEnabled, WhatIf'
        $plan | Where-Object Action -EQ 'New-RoleGroup' | Should -HaveCount 1
    }

    It '-WhatIf wins over -Apply' {
        $plan = @(Invoke-RoleScript @{ Apply = $true; WhatIf = $true })
        $plan.Count | Should -BeGreaterThan 0
        @($plan | Where-Object Applied).Count | Should -Be 0
        Get-StubRoleChange | Should -BeNullOrEmpty
    }

    It 'with -Apply builds roles that hold exactly the allow-list, in one role group' {
        $null = Invoke-RoleScript @{ Apply = $true }
        $expected = Get-AllowListEntry
        $granted = @{}
        foreach ($entry in (Get-ManagementRoleEntry -Identity 'ActiveSync Helpdesk (*)\*')) {
            $granted[$entry.Name] = @($entry.Parameters | Where-Object { $_ -notin $script:Common } | Sort-Object)
        }
        # The stub tenant, like Exchange Online, has no Client Access Rule cmdlets: reported, not granted.
        $absent = @('Get-ClientAccessRule', 'Test-ClientAccessRule')
        @($granted.Keys | Sort-Object) | Should -Be @($expected.Keys | Where-Object { $_ -notin $absent } | Sort-Object)
        foreach ($name in $granted.Keys) { ($granted[$name] -join ',') | Should -Be ($expected[$name] -join ',') -Because $name }
        (Get-RoleGroup -Identity 'ActiveSync Helpdesk').Roles | Should -Be @('ActiveSync Helpdesk (Mail Recipients)', 'ActiveSync Helpdesk (View-Only Configuration)')
        Get-StubRoleChange | Should -Contain 'Remove-ManagementRoleEntry ActiveSync Helpdesk (Mail Recipients)\Remove-MobileDevice'
    }

    It 'warns about allow-listed cmdlets no parent role holds' {
        $warnings = & $script:Script 6>$null 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        ($warnings.Message -join "`n") | Should -Match 'Get-ClientAccessRule is in none of the parent roles'
    }

    It 'is idempotent: a second -Apply finds nothing to change' {
        $null = Invoke-RoleScript @{ Apply = $true }
        $changes = @(Get-StubRoleChange).Count
        $second = @(Invoke-RoleScript @{ Apply = $true })
        $second | Should -BeNullOrEmpty
        @(Get-StubRoleChange).Count | Should -Be $changes
        @(Invoke-RoleScript) | Should -BeNullOrEmpty
    }

    It 'repairs a role that drifted: a missing parameter is added back, an extra cmdlet removed' {
        $null = Invoke-RoleScript @{ Apply = $true }
        Set-ManagementRoleEntry -Identity 'ActiveSync Helpdesk (Mail Recipients)\Set-CASMailbox' -Parameters 'ActiveSyncBlockedDeviceIDs' -RemoveParameter
        Add-ManagementRoleEntry -Identity 'ActiveSync Helpdesk (Mail Recipients)\Set-Mailbox' -Parameters 'Identity'
        $plan = @(Invoke-RoleScript @{ Apply = $true })
        $plan.Target | Should -Be @('ActiveSync Helpdesk (Mail Recipients)\Set-Mailbox', 'ActiveSync Helpdesk (Mail Recipients)\Set-CASMailbox')
        (Get-ManagementRoleEntry -Identity 'ActiveSync Helpdesk (Mail Recipients)\Set-CASMailbox').Parameters | Should -Contain 'ActiveSyncBlockedDeviceIDs'
        @(Get-ManagementRoleEntry -Identity 'ActiveSync Helpdesk (Mail Recipients)\*').Name | Should -Not -Contain 'Set-Mailbox'
    }

    It 'refuses without the ExchangeOnlineManagement module' {
        Get-Module ExchangeOnlineManagement | Remove-Module -Force
        { Invoke-RoleScript @{ Apply = $true } } | Should -Throw '*module is not loaded*'
    }

    It 'refuses with a module older than 3.1.0' {
        Get-Module ExchangeOnlineManagement | Remove-Module -Force
        $old = Join-Path $TestDrive 'ExchangeOnlineManagement' '3.0.0'
        New-Item -ItemType Directory -Path $old -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $old 'ExchangeOnlineManagement.psd1') -Value "@{ ModuleVersion = '3.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @() }"
        Import-Module (Join-Path $old 'ExchangeOnlineManagement.psd1') -Force
        { Invoke-RoleScript @{ Apply = $true } } | Should -Throw '*3.0.0 is too old*'
    }
}
