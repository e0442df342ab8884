# The benchmark driver behind `./build.ps1 Bench`: builds the harness (bench/CommerceSync.Bench), snapshots the built module
# (so a rebuild during a long run cannot pull it away from the cmdlet phases), runs every phase at every size in one harness
# run, writes the report and prints its tables. See bench/README.md.
[CmdletBinding()]
param(
    # Async customers per run; each size gets its own seed store and all four modes.
    [int[]] $Size = @(100000, 1000000),
    [int] $Channels = 20,
    # The report. The default is the checked-in bench/results.md; the smoke test writes elsewhere.
    [string] $Out = (Join-Path $PSScriptRoot 'results.md'),
    # Scratch space: a 1M-customer store is about 7 GB once distributed; each mode runs on its own copy, deleted after.
    [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) 'commercesync-bench'),
    # Run every phase to the end instead of stopping a mode once it can no longer meet its target.
    [switch] $NoLimit,
    # Only these phases: reference, core, bulk, record, orders, import, incremental.
    [string[]] $Only,
    # Keep the stores (for a closer look afterwards).
    [switch] $Keep,
    # Passed through to the harness as they are, e.g. '--limit-factor', '3'.
    [string[]] $HarnessArgument = @(),
    # The PostgreSQL store at this size (default: the largest -Size; 0: none), by 1, 2 and 4 workers, on a throwaway server;
    # written to results-postgres.md beside the report.
    [int] $PostgresSize = -1
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$manifest = Join-Path $root 'CommerceSync.psd1'
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
New-Item -ItemType Directory -Path $WorkFolder -Force | Out-Null
$WorkFolder = (Resolve-Path $WorkFolder).Path

$bin = Join-Path $WorkFolder 'bin'
& dotnet build (Join-Path $PSScriptRoot 'CommerceSync.Bench') -c Release -o $bin --nologo -v quiet -clp:ErrorsOnly
if ($LASTEXITCODE -ne 0) { throw "Building the benchmark harness failed (exit code $LASTEXITCODE)." }

$harnessArgs = @('run', '--sizes', ($Size -join ','), '--channels', $Channels, '--work', $WorkFolder, '--out', $Out,
    '--bench-dir', $PSScriptRoot, '--bottlenecks', (Join-Path $PSScriptRoot 'bottlenecks.md'), '--pwsh', $pwsh)
if (Test-Path (Join-Path $root 'module/bin')) {
    $snapshot = Join-Path $WorkFolder 'module'
    if (Test-Path $snapshot) { Remove-Item $snapshot -Recurse -Force }
    New-Item -ItemType Directory -Path $snapshot | Out-Null
    Copy-Item $manifest $snapshot
    Copy-Item (Join-Path $root 'module') $snapshot -Recurse
    if (Test-Path (Join-Path $root 'en-US')) { Copy-Item (Join-Path $root 'en-US') $snapshot -Recurse }
    $harnessArgs += @('--manifest', (Join-Path $snapshot 'CommerceSync.psd1'))
}
else {
    Write-Warning 'module/bin is missing (run ./build.ps1 Build): the cmdlet phases are skipped.'
}
if ($NoLimit) { $harnessArgs += '--no-limit' }
if ($Only) { $harnessArgs += @('--only', ($Only -join ',')) }
if ($Keep) { $harnessArgs += '--keep' }
$harnessArgs += $HarnessArgument

& dotnet (Join-Path $bin 'CommerceSync.Bench.dll') @harnessArgs
if ($LASTEXITCODE -ne 0) { throw "The benchmark harness failed (exit code $LASTEXITCODE)." }

# PostgreSQL: the same conversion on a shared store, by 1, 2 and 4 workers, compared with the SQLite core mode above.
if ($PostgresSize -lt 0) { $PostgresSize = ($Size | Measure-Object -Maximum).Maximum }
if ($PostgresSize -gt 0 -and (-not $Only -or $Only -contains 'postgres')) {
    . (Join-Path $root 'build/Postgres.ps1')
    $server = Start-TestPostgres -Purpose 'benchmark'
    if (-not $server) { Write-Warning 'PostgreSQL is not installed here: the PostgreSQL benchmark is skipped.' }
    else {
        try {
            $pgOut = Join-Path (Split-Path $Out) ($(if ((Split-Path $Out -Leaf) -eq 'results.md') { 'results-postgres.md' } else { [IO.Path]::GetFileNameWithoutExtension($Out) + '-postgres.md' }))
            $pgArgs = @('postgres', '--server', $server.ConnectionString, '--customers', $PostgresSize, '--channels', $Channels, '--workers', '1,2,4', '--out', $pgOut)
            $core = Join-Path $WorkFolder "core-$PostgresSize.json"
            if (Test-Path $core) { $pgArgs += @('--sqlite-result', $core) }
            & dotnet (Join-Path $bin 'CommerceSync.Bench.dll') @pgArgs
            if ($LASTEXITCODE -ne 0) { throw "The PostgreSQL benchmark failed (exit code $LASTEXITCODE)." }
            Get-Content $pgOut | Where-Object { $_ -match '^\|' } | ForEach-Object { Write-Host $_ }
        }
        finally { Stop-TestPostgres $server }
    }
}

# The tables, as the report has them (the analysis below them stays in the file).
$lines = Get-Content -LiteralPath $Out
$end = [Array]::IndexOf($lines, '## Bottlenecks')
Write-Host ''
$lines[0..($(if ($end -gt 0) { $end - 1 } else { $lines.Count - 1 }))] | Where-Object { $_ -match '^(\||#|\d+ passed)' } | ForEach-Object { Write-Host $_ }
Write-Host ''
Write-Host "Report: $Out"
