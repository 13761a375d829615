<#
.SYNOPSIS
    Creates (or brings up to date) the least-privilege Exchange Online role group for tier-1 staff
    who use the ActiveSync Troubleshooter.

.DESCRIPTION
    The cmdlets and parameters come from the app's own allow-list (..\allowlist.json): every cmdlet
    of kind "read" or "write", with exactly the parameters the app may pass. Nothing else is kept,
    so the role and the app cannot drift apart: when the app learns a new cmdlet, run this again.

    Exchange lets a custom role hold only entries of its one parent role, and no single built-in
    role holds every cmdlet the app reads. So the script makes one custom role per parent listed
    in -ParentRole (the first parent that holds a cmdlet gets it), trims each to the allow-listed
    cmdlets and parameters, and puts them all in one role group. Cmdlets no parent holds are
    reported, not granted. Common parameters (ErrorAction, Verbose, ...) are left on each entry
    because the module may pass them itself (unverified).

    Remove-MobileDevice (removing stale phone partnerships when a mailbox reaches Exchange Online's
    limit of 100) changes more than a setting, so it is granted only with -IncludePartnershipCleanup
    (the allow-list marks it with "roleSwitch"). Without the switch the role does not hold it and the
    app says who can remove partnerships instead.

    By default nothing changes (as with -WhatIf): the script lists what it would do. Run it again
    with -Apply to make the changes; -Apply -WhatIf is still a dry run.
    Running it twice is safe: the second run finds nothing to change.

    Run it in an Exchange Online PowerShell session (Connect-ExchangeOnline, module 3.1.0 or
    newer) as an Exchange administrator. Add the helpdesk staff to the role group afterwards
    (Add-RoleGroupMember), or in the Exchange admin center.

.EXAMPLE
    .\New-EasHelpdeskRole.ps1            # what would change
    .\New-EasHelpdeskRole.ps1 -Apply     # make the changes
    .\New-EasHelpdeskRole.ps1 -Apply -IncludePartnershipCleanup   # also let tier 1 remove stale partnerships
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # Make the changes. Without it the script only reports them.
    [switch] $Apply,
    # The role group that holds the custom roles.
    [string] $RoleGroupName = 'ActiveSync Helpdesk',
    # Built-in roles to derive from, in order of preference.
    [string[]] $ParentRole = @('Mail Recipients', 'View-Only Configuration'),
    [string] $AllowListPath = (Join-Path $PSScriptRoot '..' 'allowlist.json'),
    # Print the cmdlets and parameters the role would hold, taken from the allow-list, and stop.
    [switch] $ListEntries,
    # Also grant Remove-MobileDevice, so tier 1 can remove stale partnerships at the 100 limit.
    [switch] $IncludePartnershipCleanup
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
# -WhatIf wins over -Apply: an admin who asks for a dry run gets one.
if ($WhatIfPreference) { $Apply = [switch] $false }

# Connect-ExchangeOnline -AccessToken and the REST cmdlets need 3.1.0 (facts F8); older modules
# also run RBAC cmdlets over remote PowerShell, which Exchange Online has retired.
$MinimumModuleVersion = [version] '3.1.0'
$CommonParameters = @('ErrorAction', 'ErrorVariable', 'WarningAction', 'WarningVariable', 'OutVariable', 'OutBuffer',
    'Verbose', 'Debug', 'InformationAction', 'InformationVariable', 'PipelineVariable')

function Get-EasRoleEntryPlan([string] $Path, [string[]] $Switches) {
    $allowList = Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json -AsHashtable
    $plan = [ordered] @{}
    foreach ($name in ($allowList.cmdlets.Keys | Sort-Object)) {
        $cmdlet = $allowList.cmdlets[$name]
        if ($cmdlet.kind -notin @('read', 'write')) { continue }
        # A cmdlet behind a switch (roleSwitch) is granted only when the admin asked for it.
        if ($cmdlet.Contains('roleSwitch') -and $cmdlet.roleSwitch -notin $Switches) { continue }
        $plan[$name] = @($cmdlet.params.Keys | Sort-Object)
    }
    return $plan
}

function Write-EasChange([string] $Action, [string] $Target, [string] $Detail) {
    [pscustomobject] @{ Action = $Action; Target = $Target; Detail = $Detail; Applied = [bool] $Apply }
}

$switches = @()
if ($IncludePartnershipCleanup) { $switches += 'IncludePartnershipCleanup' }
$wanted = Get-EasRoleEntryPlan $AllowListPath $switches
if ($ListEntries) {
    foreach ($name in $wanted.Keys) { [pscustomobject] @{ Cmdlet = $name; Parameters = $wanted[$name] } }
    return
}

$module = Get-Module -Name ExchangeOnlineManagement | Sort-Object Version -Descending | Select-Object -First 1
if ($null -eq $module) {
    throw 'The ExchangeOnlineManagement module is not loaded. Install version 3.1.0 or newer, run Connect-ExchangeOnline, then run this script again.'
}
if ($module.Version -lt $MinimumModuleVersion) {
    throw "ExchangeOnlineManagement $($module.Version) is too old: this script needs $MinimumModuleVersion or newer. Run Update-Module ExchangeOnlineManagement, reconnect, then run this script again."
}
foreach ($needed in @('Get-ManagementRoleEntry', 'New-ManagementRole', 'New-RoleGroup')) {
    if ($null -eq (Get-Command -Name $needed -ErrorAction SilentlyContinue)) {
        throw "The command $needed is not available: connect with Connect-ExchangeOnline as an Exchange administrator first."
    }
}

# Which parent holds each wanted cmdlet (first match wins) and with which parameters.
$byParent = [ordered] @{}
$notGranted = New-Object System.Collections.Generic.List[string]
foreach ($cmdlet in $wanted.Keys) {
    $holder = $null
    foreach ($parent in $ParentRole) {
        $entry = @(Get-ManagementRoleEntry -Identity "$parent\$cmdlet" -ErrorAction SilentlyContinue)
        if ($entry.Count -gt 0) { $holder = $parent; break }
    }
    if ($null -eq $holder) { $notGranted.Add($cmdlet); continue }
    if (-not $byParent.Contains($holder)) { $byParent[$holder] = [ordered] @{} }
    $byParent[$holder][$cmdlet] = $wanted[$cmdlet]
}

$customRoles = New-Object System.Collections.Generic.List[string]
# In -ParentRole order, so the roles and their report come out the same on every run.
foreach ($parent in $ParentRole) {
    if (-not $byParent.Contains($parent)) { continue }
    $roleName = "$RoleGroupName ($parent)"
    $customRoles.Add($roleName)
    $keep = $byParent[$parent]
    $existing = @(Get-ManagementRole -Identity $roleName -ErrorAction SilentlyContinue)
    if ($existing.Count -eq 0) {
        Write-EasChange 'New-ManagementRole' $roleName "from $parent"
        if ($Apply) { [void] (New-ManagementRole -Name $roleName -Parent $parent) }
    }
    # The entries the role has now; a role not created yet (what-if) would start with its parent's.
    $source = if ($existing.Count -gt 0 -or $Apply) { $roleName } else { $parent }
    $current = @{}
    foreach ($entry in @(Get-ManagementRoleEntry -Identity "$source\*")) { $current[$entry.Name] = @($entry.Parameters) }

    foreach ($cmdlet in @($current.Keys | Sort-Object)) {
        if ($keep.Contains($cmdlet)) { continue }
        Write-EasChange 'Remove-ManagementRoleEntry' "$roleName\$cmdlet" 'not used by the app'
        if ($Apply) { Remove-ManagementRoleEntry -Identity "$roleName\$cmdlet" -Confirm:$false }
    }
    foreach ($cmdlet in $keep.Keys) {
        $parameters = @($keep[$cmdlet])
        if (-not $current.ContainsKey($cmdlet)) {
            Write-EasChange 'Add-ManagementRoleEntry' "$roleName\$cmdlet" ($parameters -join ', ')
            if ($Apply) {
                # Common parameters only as far as the parent has them: a role cannot grant more.
                $parentParameters = @((Get-ManagementRoleEntry -Identity "$parent\$cmdlet").Parameters)
                $common = @($CommonParameters | Where-Object { $_ -in $parentParameters })
                Add-ManagementRoleEntry -Identity "$roleName\$cmdlet" -Parameters (@($parameters) + $common | Sort-Object -Unique)
            }
            continue
        }
        $extra = @($current[$cmdlet] | Where-Object { $_ -notin $parameters -and $_ -notin $CommonParameters })
        $lacking = @($parameters | Where-Object { $_ -notin $current[$cmdlet] })
        if ($extra.Count -gt 0) {
            Write-EasChange 'Set-ManagementRoleEntry' "$roleName\$cmdlet" ('remove ' + ($extra -join ', '))
            if ($Apply) { Set-ManagementRoleEntry -Identity "$roleName\$cmdlet" -Parameters $extra -RemoveParameter }
        }
        if ($lacking.Count -gt 0) {
            Write-EasChange 'Set-ManagementRoleEntry' "$roleName\$cmdlet" ('add ' + ($lacking -join ', '))
            if ($Apply) { Set-ManagementRoleEntry -Identity "$roleName\$cmdlet" -Parameters $lacking -AddParameter }
        }
    }
}

$group = @(Get-RoleGroup -Identity $RoleGroupName -ErrorAction SilentlyContinue)
if ($group.Count -eq 0) {
    Write-EasChange 'New-RoleGroup' $RoleGroupName ($customRoles -join ', ')
    if ($Apply) { New-RoleGroup -Name $RoleGroupName -Roles $customRoles.ToArray() -Description 'Tier-1 helpdesk: ActiveSync Troubleshooter (least privilege).' }
}
else {
    $assigned = @(Get-ManagementRoleAssignment -RoleAssignee $RoleGroupName | ForEach-Object { $_.Role })
    foreach ($role in $customRoles) {
        if ($role -in $assigned) { continue }
        Write-EasChange 'New-ManagementRoleAssignment' $RoleGroupName $role
        if ($Apply) { New-ManagementRoleAssignment -Role $role -SecurityGroup $RoleGroupName }
    }
}

foreach ($cmdlet in $notGranted) {
    Write-Warning "$cmdlet is in none of the parent roles ($($ParentRole -join ', ')) in this tenant, so the role group does not grant it. The app reports that check as unavailable."
}
if (-not $Apply) { Write-Host 'Nothing was changed. Run again with -Apply to make these changes.' }
