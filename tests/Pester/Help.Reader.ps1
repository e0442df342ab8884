# Run by Help.Tests.ps1 in a fresh pwsh: what Get-Help shows a user who imports the module, for every cmdlet the manifest
# exports, written as JSON. With -BrowserFolder (not on Windows), Get-Help -Online runs too, against the fake browser there.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $OutFile,
    [string] $BrowserFolder
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $Manifest
. (Join-Path $PSScriptRoot '../../build/HelpBuilder.ps1')
if ($BrowserFolder) { $env:PATH = $BrowserFolder + [IO.Path]::PathSeparator + $env:PATH }

function Get-Text($Items) { (@($Items | ForEach-Object { $_.Text }) -join ' ').Trim() }

$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$cmdlets = foreach ($name in (Import-PowerShellDataFile $Manifest).CmdletsToExport) {
    $command = Get-Command $name
    $help = Get-Help $name -Full
    $parameters = foreach ($p in @($command.Parameters.Keys | Where-Object { $_ -notin $common })) {
        $one = Get-Help $name -Parameter $p -ErrorAction SilentlyContinue
        [pscustomobject]@{
            Name        = $p
            Text        = if ($one) { $one | Out-String -Width 250 } else { '' }
            Description = if ($one) { Get-Text $one.description } else { '' }
            CodeDefault = Get-ParameterDefault -Command $command -Name $p
        }
    }
    $links = @($help.relatedLinks.navigationLink | Where-Object { $_ -and "$($_.uri)".Trim() })
    $onlineError = $null
    if ($BrowserFolder) {
        try { Get-Help $name -Online } catch { $onlineError = "$_" }
    }
    [pscustomobject]@{
        Name         = $name
        Synopsis     = "$($help.Synopsis)".Trim()
        Description  = Get-Text $help.description
        Examples     = @($help.examples.example | Where-Object { $_ -and "$($_.code)".Trim() }).Count
        Syntax       = $help.syntax | Out-String -Width 2000
        Parameters   = @($parameters)
        FirstLinkUri = if ($links) { "$($links[0].uri)".Trim() } else { $null }
        OnlineError  = $onlineError
    }
}
$about = try { Get-Help about_CommerceSync -ErrorAction Stop | Out-String -Width 250 } catch { "FAILED: $_" }
[pscustomobject]@{ About = $about; Cmdlets = @($cmdlets) } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $OutFile
