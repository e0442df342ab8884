# Runs the Pester suite in this (fresh) pwsh process and writes the counts for build.ps1 to add up.
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string[]] $TestPath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
if ($env:CI) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module $PesterManifest -Force
$env:COMMERCESYNC_MODULE = (Resolve-Path (Join-Path $PSScriptRoot '../CommerceSync.psd1')).Path
# Tests never touch the user's own default store.
$env:COMMERCESYNC_STORE = Join-Path ([IO.Path]::GetTempPath()) "commercesync-pester-$PID.db"

$config = New-PesterConfiguration
# Several paths come as one argument, separated by ';' (pwsh -File binds one value per parameter).
$config.Run.Path = @($TestPath | ForEach-Object { $_ -split ';' } | Where-Object { $_ })
$config.Run.PassThru = $true
$config.Output.Verbosity = if ($env:CI) { 'Normal' } else { 'Detailed' }
$summary = @{ Passed = 0; Failed = 1; Skipped = 0 }
try {
    $result = Invoke-Pester -Configuration $config
    $summary = @{
        Passed  = $result.PassedCount
        Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped = $result.SkippedCount
    }
}
finally {
    $summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
    Remove-Item "$env:COMMERCESYNC_STORE*" -ErrorAction SilentlyContinue
}
