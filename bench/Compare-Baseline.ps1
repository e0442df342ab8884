# Before against after, in one run on one machine: builds the module and the benchmark harness of an earlier commit (the
# baseline) beside the working tree's, then times every job both ways on copies of one seed store, alternating which side
# goes first each round, and writes a table of medians with the after/before ratio. See bench/README.md.
[CmdletBinding()]
param(
    # The commit to compare against (any git revision).
    [Parameter(Mandatory)] [string] $Baseline,
    # Async customers in the seed store (each with one address and two attributes, over -Channels channels).
    [int] $Size = 100000,
    [int] $Channels = 20,
    # Each phase runs this many times a side; the report shows the median.
    [int] $Rounds = 2,
    # core: the three jobs called from C#; bulk and record: the cmdlet pipelines; orders: Sync-CommerceOrder and
    # Invoke-StatementPosting; import: Import-Csv | New-AsyncCustomer; incremental: job 1010 after 1,000 new customers.
    [ValidateSet('core', 'bulk', 'record', 'orders', 'import', 'incremental')]
    [string[]] $Only = @('core', 'bulk', 'record', 'orders', 'import', 'incremental'),
    [string] $Out = (Join-Path $PSScriptRoot 'baseline.md'),
    [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) 'commercesync-baseline')
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$inv = [cultureinfo]::InvariantCulture
if (Test-Path $WorkFolder) { Remove-Item $WorkFolder -Recurse -Force }
New-Item -ItemType Directory -Path $WorkFolder | Out-Null
$WorkFolder = (Resolve-Path $WorkFolder).Path
$baselineCommit = (git -C $root rev-parse --short $Baseline).Trim()
if ($LASTEXITCODE -ne 0) { throw "'$Baseline' is not a commit of this repository." }
$afterCommit = (git -C $root rev-parse --short HEAD).Trim()
$dirty = [bool](git -C $root status --porcelain --untracked-files=no)

function Write-Step([string] $Text) { Write-Host ((Get-Date).ToString('HH:mm:ss') + ' ' + $Text) }

# One side: its source tree, built module (snapshotted, as Invoke-Bench.ps1 does) and harness.
function New-Side([string] $Name, [string] $Source) {
    $dir = Join-Path $WorkFolder $Name
    New-Item -ItemType Directory -Path $dir | Out-Null
    Write-Step "Building the $Name module ($Source)"
    & $pwsh -NoProfile -NonInteractive -File (Join-Path $Source 'build.ps1') Build *> (Join-Path $dir 'build.log')
    if ($LASTEXITCODE -ne 0) { throw "Building the $Name module failed; see $(Join-Path $dir 'build.log')." }
    $module = Join-Path $dir 'module'
    New-Item -ItemType Directory -Path $module | Out-Null
    Copy-Item (Join-Path $Source 'CommerceSync.psd1') $module
    Copy-Item (Join-Path $Source 'module') $module -Recurse
    if (Test-Path (Join-Path $Source 'en-US')) { Copy-Item (Join-Path $Source 'en-US') $module -Recurse }
    $harness = Join-Path $dir 'harness'
    & dotnet build (Join-Path $Source 'bench/CommerceSync.Bench') -c Release -o $harness --nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { throw "Building the $Name benchmark harness failed." }
    [pscustomobject]@{
        Name     = $Name
        Manifest = Join-Path $module 'CommerceSync.psd1'
        Harness  = Join-Path $harness 'CommerceSync.Bench.dll'
        Phase    = Join-Path $Source 'bench/Invoke-CmdletPhase.ps1'
    }
}

# A harness command or a cmdlet phase in its own process; returns its JSON result.
# Busy CPU seconds of the whole machine since boot (/proc/stat), or $null where there is none: how busy the machine was
# while a phase ran says whether other work skewed it (a phase itself keeps about one core busy).
function Get-BusySeconds {
    if (-not (Test-Path /proc/stat)) { return $null }
    $f = @((Get-Content /proc/stat -TotalCount 1) -split '\s+' | Select-Object -Skip 1 | ForEach-Object { [double] $_ })
    ($f[0] + $f[1] + $f[2] + $f[5] + $f[6] + $(if ($f.Count -gt 7) { $f[7] } else { 0 })) / 100
}
$script:Busy = [Collections.Generic.List[double]]::new()

function Invoke-Child([string] $Label, [string] $File, [string[]] $Arguments, [string] $ResultSwitch) {
    $result = Join-Path $WorkFolder "$Label.json"
    $log = Join-Path $WorkFolder "$Label.log"
    $busyBefore = Get-BusySeconds
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $File @Arguments $ResultSwitch $result *> $log
    $clock.Stop()
    if ($null -ne $busyBefore -and $clock.Elapsed.TotalSeconds -gt 1) { $script:Busy.Add(((Get-BusySeconds) - $busyBefore) / $clock.Elapsed.TotalSeconds) }
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $result)) {
        throw "$Label failed (exit code $LASTEXITCODE); see $log."
    }
    Get-Content -Raw $result | ConvertFrom-Json
}
function Invoke-Harness($Side, [string] $Label, [string[]] $Arguments) {
    Invoke-Child $Label 'dotnet' (@($Side.Harness) + $Arguments) '--result'
}
function Invoke-Cmdlets($Side, [string] $Label, [string] $Mode, [string] $Store, [string] $Csv) {
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $Side.Phase, '-Manifest', $Side.Manifest, '-Store', $Store, '-Mode', $Mode)
    if ($Csv) { $arguments += @('-Csv', $Csv) }
    Invoke-Child $Label $pwsh $arguments '-Result'
}

function Copy-Seed([string] $To) {
    foreach ($suffix in '', '-wal', '-shm') {
        if (Test-Path "$To$suffix") { Remove-Item "$To$suffix" -Force }
        if (Test-Path "$seed$suffix") { Copy-Item "$seed$suffix" "$To$suffix" }
    }
    $To
}
function Remove-Store([string] $Path) {
    foreach ($suffix in '', '-wal', '-shm') { if (Test-Path "$Path$suffix") { Remove-Item "$Path$suffix" -Force } }
}

# The timings of one phase on one side: @{ '<phase>' = seconds; '<phase>: <job>' = seconds ... }.
function Measure-Phase($Side, [string] $Phase, [int] $Round) {
    $tag = "$Phase-$($Side.Name)-$Round"
    $store = Join-Path $WorkFolder "$tag.db"
    $times = [ordered]@{}
    function Add-Result([string] $Name, $Result) {
        $times[$Name] = [double] $Result.seconds
        if ($Result.steps) {
            foreach ($p in $Result.steps.PSObject.Properties) { $times["$Name`: $($p.Name)"] = [double] $p.Value }
        }
    }
    switch ($Phase) {
        'core' { Add-Result 'core' (Invoke-Harness $Side $tag @('phase', '--mode', 'core', '--store', (Copy-Seed $store))) }
        'bulk' { Add-Result 'bulk' (Invoke-Cmdlets $Side $tag 'bulk' (Copy-Seed $store)) }
        'record' { Add-Result 'record' (Invoke-Cmdlets $Side $tag 'record' (Copy-Seed $store)) }
        'orders' {
            $null = Invoke-Harness $Side "$tag-prep" @('prep-orders', '--store', (Copy-Seed $store))
            Add-Result 'orders' (Invoke-Cmdlets $Side $tag 'orders' $store)
            Add-Result 'statements' (Invoke-Cmdlets $Side "$tag-statements" 'statements' $store)
        }
        'import' {
            Remove-Store $store
            $null = Invoke-Harness $Side "$tag-gen" @('gen', '--store', $store, '--customers', '0', '--channels', $Channels)
            Add-Result 'import' (Invoke-Cmdlets $Side $tag 'import' $store $csv)
        }
        'incremental' {
            $null = Invoke-Harness $Side "$tag-convert" @('phase', '--mode', 'core', '--store', (Copy-Seed $store))
            Add-Result 'incremental' (Invoke-Harness $Side $tag @('incremental', '--store', $store, '--customers', '1000', '--channels', $Channels))
        }
    }
    Remove-Store $store
    $times
}

$source = Join-Path $WorkFolder 'baseline-src'
git -C $root worktree add --detach --quiet $source $Baseline
if ($LASTEXITCODE -ne 0) { throw "Could not check out $Baseline." }
try {
    $sides = @((New-Side 'before' $source), (New-Side 'after' $root))
    $seed = Join-Path $WorkFolder 'seed.db'
    # The seed comes from the baseline, whose schema the working tree's build migrates forward on open (never the reverse).
    Write-Step "Generating the seed store: $Size async customers over $Channels channels"
    $null = Invoke-Harness $sides[0] 'seed' @('gen', '--store', $seed, '--customers', $Size, '--channels', $Channels)
    $csv = Join-Path $WorkFolder 'customers.csv'
    if ('import' -in $Only) { $null = Invoke-Harness $sides[0] 'csv' @('csv', '--path', $csv, '--rows', $Size, '--channels', $Channels) }

    $samples = @{}
    foreach ($round in 1..$Rounds) {
        # Alternate which side runs first, so a machine that warms up or gets busier does not favour one side.
        $order = if ($round % 2) { $sides } else { @($sides[1], $sides[0]) }
        foreach ($phase in $Only) {
            foreach ($side in $order) {
                Write-Step "Round $round, $phase, $($side.Name)"
                $times = Measure-Phase $side $phase $round
                foreach ($key in $times.Keys) {
                    $k = "$key|$($side.Name)"
                    if (-not $samples.ContainsKey($k)) { $samples[$k] = [Collections.Generic.List[double]]::new() }
                    $samples[$k].Add($times[$key])
                }
            }
        }
    }
}
finally {
    git -C $root worktree remove --force $source 2>$null
}

function Get-Median([double[]] $Values) {
    $s = $Values | Sort-Object
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}
$names = $samples.Keys | ForEach-Object { $_.Split('|')[0] } | Select-Object -Unique
$rows = foreach ($name in $names) {
    if (-not ($samples.ContainsKey("$name|before") -and $samples.ContainsKey("$name|after"))) { continue }
    $before = Get-Median $samples["$name|before"]
    $after = Get-Median $samples["$name|after"]
    [pscustomobject]@{
        Phase  = $name
        Before = $before
        After  = $after
        Ratio  = if ($before -gt 0) { $after / $before } else { [double]::NaN }
    }
}
$rows = $rows | Sort-Object { $Only.IndexOf($_.Phase.Split(':')[0]) }, Phase

$sb = [Text.StringBuilder]::new()
$null = $sb.AppendLine('# Before and after, one run').AppendLine()
$null = $sb.AppendLine("Written by ``bench/Compare-Baseline.ps1 -Baseline $Baseline -Size $Size -Rounds $Rounds`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv)) UTC, $([Environment]::ProcessorCount) cores.")
$null = $sb.AppendLine("Before: $baselineCommit. After: $afterCommit$(if ($dirty) { ' with uncommitted changes' }). $Size async customers over $Channels channels;")
$null = $sb.AppendLine("each phase ran $Rounds times a side on its own copy of one seed store, alternating which side went first; medians in seconds.")
$null = $sb.AppendLine('A ratio above 1 means after is slower.')
if ($Busy.Count -gt 0) {
    $sortedBusy = @($Busy | Sort-Object)
    $null = $sb.AppendLine("The machine kept $((Get-Median $sortedBusy).ToString('0.00', $inv)) cores busy at the median while a phase's process ran (its start included), $($sortedBusy[-1].ToString('0.00', $inv)) at most;")
    $null = $sb.AppendLine('a phase keeps one busy and a little more while PowerShell starts, so well above that means other work ran beside it.')
}
$null = $sb.AppendLine()
$null = $sb.AppendLine('| phase | before (s) | after (s) | after / before |').AppendLine('|---|---:|---:|---:|')
foreach ($r in $rows) {
    $flag = if ($r.Ratio -gt 1.1) { ' **slower**' } else { '' }
    $null = $sb.AppendLine("| $($r.Phase) | $($r.Before.ToString('0.00', $inv)) | $($r.After.ToString('0.00', $inv)) | $($r.Ratio.ToString('0.00', $inv))$flag |")
}
Set-Content -LiteralPath $Out -Value $sb.ToString() -Encoding utf8NoBOM
$rows | Format-Table Phase, @{ n = 'Before'; e = { $_.Before.ToString('0.00') } }, @{ n = 'After'; e = { $_.After.ToString('0.00') } }, @{ n = 'Ratio'; e = { $_.Ratio.ToString('0.00') } } -AutoSize | Out-Host
Write-Step "Report: $Out"
