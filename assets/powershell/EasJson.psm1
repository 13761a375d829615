# JSON in and out of the EAS host, identical on PowerShell 7 and Windows PowerShell 5.1.
#
# Why not ConvertFrom-Json / ConvertTo-Json's own conversions:
# - PowerShell 7's ConvertFrom-Json turns date-looking strings into DateTime and blurs 1 vs 1.0,
#   so request values would not reach the cmdlet exactly as sent and types could not be checked.
#   PowerShell 7 parses with System.Text.Json's JsonDocument instead; 5.1 (which has no
#   System.Text.Json) uses JavaScriptSerializer. Both yield the same neutral tree.
# - -EnumsAsStrings and -AsArray do not exist in 5.1, and neither edition writes dates as UTC
#   ISO 8601 on its own. ConvertTo-EasPlainValue therefore flattens cmdlet output into
#   dictionaries, arrays and primitives first, so ConvertTo-Json has nothing left to decide.

Set-StrictMode -Version 3.0

$script:IsCoreEdition = $PSVersionTable.PSEdition -eq 'Core'
$script:PlainDepthLimit = 20

# A JSON value as parsed here: [ordered] dictionary (keys case-sensitive, duplicates refused),
# object[] for arrays, [string], [bool], [long] for integers, [double] for any number written with
# a fraction or exponent (so 1 and 1.0 stay distinguishable), $null.

function ConvertFrom-EasJson {
    <#
    .SYNOPSIS
    Parses one JSON text into the neutral tree described above; throws on malformed JSON or
    duplicate keys.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][AllowEmptyString()][string] $Text)

    if ($script:IsCoreEdition) {
        $document = [System.Text.Json.JsonDocument]::Parse($Text)
        try {
            return , (ConvertFrom-JsonElement $document.RootElement)
        }
        finally {
            $document.Dispose()
        }
    }
    # Windows PowerShell 5.1 (untestable on the build machines; kept deliberately small).
    Add-Type -AssemblyName System.Web.Extensions
    $serializer = New-Object System.Web.Script.Serialization.JavaScriptSerializer
    $serializer.MaxJsonLength = [int]::MaxValue
    return , (ConvertFrom-SerializerValue $serializer.DeserializeObject($Text))
}

function ConvertFrom-JsonElement {
    param($Element)
    switch ($Element.ValueKind.ToString()) {
        'Object' {
            $result = New-Object System.Collections.Specialized.OrderedDictionary ([System.StringComparer]::Ordinal)
            foreach ($property in $Element.EnumerateObject()) {
                if ($result.Contains($property.Name)) { throw "Duplicate key '$($property.Name)'." }
                $result.Add($property.Name, (ConvertFrom-JsonElement $property.Value))
            }
            return , $result
        }
        'Array' {
            $items = New-Object System.Collections.Generic.List[object]
            foreach ($item in $Element.EnumerateArray()) { $items.Add((ConvertFrom-JsonElement $item)) }
            return , $items.ToArray()
        }
        'String' { return $Element.GetString() }
        'True' { return $true }
        'False' { return $false }
        'Null' { return $null }
        'Number' {
            [long] $integer = 0
            if ($Element.GetRawText() -notmatch '[.eE]' -and $Element.TryGetInt64([ref] $integer)) { return $integer }
            return $Element.GetDouble()
        }
    }
    throw "Unsupported JSON value kind $($Element.ValueKind)."
}

function ConvertFrom-SerializerValue {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Collections.Generic.IDictionary[string, object]]) {
        $result = New-Object System.Collections.Specialized.OrderedDictionary ([System.StringComparer]::Ordinal)
        foreach ($key in $Value.Keys) { $result.Add($key, (ConvertFrom-SerializerValue $Value[$key])) }
        return , $result
    }
    if ($Value -is [object[]]) {
        $items = New-Object System.Collections.Generic.List[object]
        foreach ($item in $Value) { $items.Add((ConvertFrom-SerializerValue $item)) }
        return , $items.ToArray()
    }
    if ($Value -is [string] -or $Value -is [bool]) { return $Value }
    if ($Value -is [int] -or $Value -is [long]) { return [long] $Value }
    if ($Value -is [decimal] -or $Value -is [double]) { return [double] $Value }
    # JavaScriptSerializer turns "\/Date(…)\/" strings into DateTime; hand them back as text.
    if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o', [cultureinfo]::InvariantCulture) }
    return [string] $Value
}

function ConvertTo-EasIsoDate {
    <#
    .SYNOPSIS
    ISO 8601 UTC with a Z suffix. DateTime values of Kind Unspecified are taken as UTC already:
    Exchange Online's REST cmdlets hand back UTC instants, and shifting them by the host's time
    zone would move every sync time by hours.
    #>
    param([Parameter(Mandatory)] $Value)
    if ($Value -is [datetimeoffset]) { $utc = $Value.UtcDateTime }
    elseif ($Value.Kind -eq [System.DateTimeKind]::Local) { $utc = $Value.ToUniversalTime() }
    else { $utc = [datetime]::SpecifyKind($Value, [System.DateTimeKind]::Utc) }
    return $utc.ToString('o', [cultureinfo]::InvariantCulture)
}

function Test-EasScalarType {
    param($Value)
    return ($Value -is [string] -or $Value -is [char] -or $Value -is [bool] -or $Value -is [guid] -or
        $Value -is [timespan] -or $Value -is [version] -or $Value -is [uri] -or $Value -is [decimal] -or
        $Value -is [System.Net.IPAddress] -or $Value -is [scriptblock] -or $Value.GetType().IsPrimitive)
}

function ConvertTo-EasPlainValue {
    <#
    .SYNOPSIS
    Flattens any PowerShell output value into ordered dictionaries, object[] arrays and JSON
    primitives: enums become their names, dates ISO 8601 UTC, every collection an array (even
    with one or no element). Below the depth limit objects are rendered with ToString() so a
    cyclic object graph cannot loop.
    #>
    param($Value, [int] $Depth = 0)

    if ($null -eq $Value) { return $null }
    # Look through PowerShell's wrapper at the real object; deserialized Exchange objects and
    # [pscustomobject]s have no real object underneath and are read through their properties.
    $wrapped = [psobject]::AsPSObject($Value)
    $Value = $wrapped.PSObject.BaseObject
    if ($Value -is [System.Management.Automation.PSCustomObject]) { return , (ConvertTo-EasPlainObject $wrapped $Depth) }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [datetime] -or $Value -is [datetimeoffset]) { return ConvertTo-EasIsoDate $Value }
    if ($Value -is [double] -or $Value -is [single]) {
        # JSON has no NaN or Infinity.
        if ([double]::IsNaN($Value) -or [double]::IsInfinity($Value)) { return $Value.ToString([cultureinfo]::InvariantCulture) }
        return $Value
    }
    if ($Value -is [char] -or $Value -is [guid] -or $Value -is [timespan] -or $Value -is [version] -or
        $Value -is [uri] -or $Value -is [System.Net.IPAddress] -or $Value -is [scriptblock]) {
        return $Value.ToString()
    }
    if (Test-EasScalarType $Value) { return $Value }
    if ($Value -is [System.Security.SecureString]) { return $null }
    if ($Depth -ge $script:PlainDepthLimit) { return [string] $Value }

    if ($Value -is [System.Collections.IDictionary]) {
        $result = [ordered] @{}
        foreach ($key in $Value.Keys) { $result[[string] $key] = ConvertTo-EasPlainValue $Value[$key] ($Depth + 1) }
        return , $result
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $items = New-Object System.Collections.Generic.List[object]
        foreach ($item in $Value) { $items.Add((ConvertTo-EasPlainValue $item ($Depth + 1))) }
        return , $items.ToArray()
    }
    return , (ConvertTo-EasPlainObject $wrapped $Depth)
}

function ConvertTo-EasPlainObject {
    param([System.Management.Automation.PSObject] $Wrapped, [int] $Depth)
    if ($Depth -ge $script:PlainDepthLimit) { return [string] $Wrapped }
    $result = [ordered] @{}
    foreach ($property in $Wrapped.PSObject.Properties) {
        if (-not $property.IsGettable) { continue }
        try { $propertyValue = $property.Value } catch { continue }
        $result[$property.Name] = ConvertTo-EasPlainValue $propertyValue ($Depth + 1)
    }
    return , $result
}

function ConvertTo-EasJsonText {
    <#
    .SYNOPSIS
    One-line JSON for a tree made by ConvertTo-EasPlainValue (or built by the host itself).
    #>
    param([Parameter(Mandatory)] $Value)
    return ConvertTo-Json -InputObject $Value -Depth 100 -Compress
}

Export-ModuleMember -Function ConvertFrom-EasJson, ConvertTo-EasPlainValue, ConvertTo-EasJsonText, ConvertTo-EasIsoDate
