#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates CommerceSync.
.DESCRIPTION
    One entry point for every task. Run it through the pinned PowerShell:
        dotnet tool restore && dotnet pwsh ./build.ps1 Demo
        dotnet tool restore && dotnet pwsh ./build.ps1 Test
.PARAMETER Task
    Build   compile the cmdlets for PowerShell 7 (net8.0) and Windows PowerShell 5.1 (net472), lay out module/bin, and write
            the help from docs/*.md (PlatyPS markdown): the cmdlets' MAML and the about topic.
    Docs    write the help only (no compile), and the pages generated from the tests (docs/reliability.md).
    Test    Build + Docs, then the xunit suite and the Pester suite (in a fresh pwsh); prints "N passed, N failed".
    Demo    Build + Docs, then a conversion on a fresh store (or the per-user default store with -UseDefaultStore).
    Package Build + Docs, then the Gallery-shaped folder out/CommerceSync/<version>/.
    Stress  Build, then the reliability harness at full size: 40 SIGKILLs per job over 100k customers, and 2 and 4
            concurrent workers, while the sqlite3 CLI reads the store and another CommerceSync process creates and opens
            other stores; checks the result with raw SQL and against the same run without kills; prints the counts
            (kills, concurrent runs, foreign reads, other stores created, records lost).
    Bench   Build, then the benchmarks (bench/Invoke-Bench.ps1): the conversion at -BenchSize customers (default 100k and 1M)
            four ways, the other paths, the targets and the bottlenecks; prints the tables and writes bench/results.md.
    Clean   remove build output.
.PARAMETER NoBuild
    Package only: package what the last Build and Docs produced.
.PARAMETER UseDefaultStore
    Demo only: run on the per-user default store instead of a temporary one.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0, ValueFromRemainingArguments)]
    [ValidateSet('Build', 'Docs', 'Test', 'Demo', 'Package', 'Stress', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),

    [switch] $UseDefaultStore,

    # Package only: reuse module/bin and the help from the last Build and Docs instead of building again.
    [switch] $NoBuild,

    # Bench only: async customers per run (default 100k and 1M).
    [int[]] $BenchSize = @(100000, 1000000)
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Manifest = Join-Path $Root 'CommerceSync.psd1'
$ModuleBin = Join-Path $Root 'module/bin'
$Results = Join-Path $Root 'out/test-results'
# The RIDs the SQLite bundle provides and we ship; each gets <rid>/e_sqlite3.<ext> beside the SQLitePCLRaw provider.
$NativeRids = @('linux-x64', 'linux-arm64', 'linux-musl-x64', 'win-x64', 'win-x86', 'win-arm64', 'osx-x64', 'osx-arm64')

function Get-ModuleVersion { (Import-PowerShellDataFile -LiteralPath $Manifest).ModuleVersion }

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    $version = Get-ModuleVersion
    $publish = Join-Path $Root 'obj/publish'
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    foreach ($target in @(@{ Tfm = 'net8.0'; Edition = 'core' }, @{ Tfm = 'net472'; Edition = 'desktop' })) {
        $out = Join-Path $publish $target.Edition
        Invoke-Native dotnet @('publish', (Join-Path $Root 'src/CommerceSync.PowerShell'), '-c', 'Release', '-f', $target.Tfm,
            '-o', $out, "-p:Version=$version", '--nologo', '-v', 'quiet')
        $bin = Join-Path $ModuleBin $target.Edition
        $deps = Join-Path $bin 'Dependencies'
        if (Test-Path $bin) { Remove-Item $bin -Recurse -Force }
        New-Item -ItemType Directory -Path $deps -Force | Out-Null
        # Our two assemblies at the top; every third-party assembly in Dependencies/, loaded privately (see ModuleLoader).
        foreach ($file in Get-ChildItem $out -File) {
            if ($file.Name -like 'CommerceSync.*' -and $file.Extension -in '.dll', '.pdb') {
                Copy-Item $file.FullName $bin
            }
            elseif ($file.Extension -eq '.dll' -and $file.Name -ne 'System.Management.Automation.dll') {
                Copy-Item $file.FullName $deps
            }
        }
        # Flatten runtimes/<rid>/native/libe_sqlite3.so to <rid>/e_sqlite3.so: the name the DllImport asks for, in the folder pwsh probes.
        $rids = if ($target.Edition -eq 'core') { $NativeRids } else { $NativeRids | Where-Object { $_ -like 'win-*' } }
        foreach ($rid in $rids) {
            $native = Get-ChildItem (Join-Path $publish "core/runtimes/$rid/native") -File -Filter '*e_sqlite3*' -ErrorAction SilentlyContinue | Select-Object -First 1
            if (-not $native) { throw "The SQLite bundle has no native library for $rid." }
            $ridFolder = New-Item -ItemType Directory -Path (Join-Path $deps $rid) -Force
            Copy-Item $native.FullName (Join-Path $ridFolder ($native.Name -replace '^lib', ''))
        }
    }
    Write-Host "Built CommerceSync $version into $ModuleBin"
    # Build leaves a module that imports with its help: Build wiped module/bin, and the help goes back beside the assemblies.
    Invoke-Help
}

function Invoke-Help {
    # The help the module needs, from docs/: cmdlet MAML beside each edition's assembly, the about topic beside the manifest.
    # Part of Build (a few seconds), so Import-Module right after Build has Get-Help complete.
    $docs = Join-Path $Root 'docs'
    $helpFolder = Join-Path $Root 'module/en-US'
    New-Item -ItemType Directory -Path $helpFolder -Force | Out-Null
    . (Join-Path $Root 'build/HelpBuilder.ps1')
    $pages = Get-ChildItem $docs -Filter '*-*.md' -File
    if ($pages) {
        ConvertTo-MamlHelp -Path $pages.FullName -Destination (Join-Path $helpFolder 'CommerceSync.PowerShell.dll-Help.xml')
    }
    $about = Join-Path $docs 'about_CommerceSync.md'
    if (Test-Path $about) {
        ConvertTo-AboutHelp -Path $about -Destination (Join-Path $helpFolder 'about_CommerceSync.help.txt')
    }
    # About topics are looked up under the module base (the manifest's folder); cmdlet MAML next to the cmdlets' assembly.
    New-Item -ItemType Directory -Path (Join-Path $Root 'en-US') -Force | Out-Null
    Copy-Item (Join-Path $helpFolder 'about_*.help.txt') (Join-Path $Root 'en-US') -Force
    foreach ($edition in 'core', 'desktop') {
        $bin = Join-Path $ModuleBin $edition
        if (Test-Path $bin) {
            New-Item -ItemType Directory -Path (Join-Path $bin 'en-US') -Force | Out-Null
            Copy-Item (Join-Path $helpFolder '*') (Join-Path $bin 'en-US') -Force
        }
    }
    Write-Host "Help written to $helpFolder"
}

function Invoke-GeneratedPages {
    # The bad-input catalogue is generated from the test cases, so the page and the tests cannot drift apart.
    . (Join-Path $Root 'build/ReliabilityDoc.ps1')
    ConvertTo-ReliabilityDoc -CasesPath (Join-Path $Root 'tests/Pester/BadInput.Cases.ps1') |
        Set-Content -LiteralPath (Join-Path $Root 'docs/reliability.md') -NoNewline
}

function Get-PesterManifest {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'build/Pester.csproj'), '--nologo', '-v', 'quiet')
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $psd1 = Join-Path $cache.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $psd1)) { throw "Pester 5.7.1 was not found at $psd1 after restore." }
    $psd1
}

function Invoke-Xunit([string] $Name, [string] $Filter) {
    # One pass of the core's xunit suite; returns its counts.
    $trx = Join-Path $Results "$Name.trx"
    $testArgs = @('test', (Join-Path $Root 'tests/CommerceSync.Core.Tests'), '-c', 'Release', '--nologo', '--logger', "trx;LogFileName=$trx", '--logger', 'console;verbosity=minimal')
    if ($Filter) { $testArgs += @('--filter', $Filter) }
    & dotnet @testArgs | Out-Host
    if (-not (Test-Path $trx)) {
        Write-Warning "The xunit run '$Name' wrote no results."
        return @{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    @{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

function Invoke-Test {
    if (Test-Path $Results) { Remove-Item $Results -Recurse -Force }
    New-Item -ItemType Directory -Path $Results -Force | Out-Null
    $passed = 0; $failed = 0; $skipped = 0

    # PostgreSQL: a throwaway server where PostgreSQL is installed (or the one $env:COMMERCESYNC_TEST_POSTGRES names).
    . (Join-Path $Root 'build/Postgres.ps1')
    $server = $null
    if (-not $env:COMMERCESYNC_TEST_POSTGRES) {
        try { $server = Start-TestPostgres } catch { Write-Warning "PostgreSQL did not start: $_" }
        if ($server) { $env:COMMERCESYNC_TEST_POSTGRES = $server.ConnectionString }
    }
    try {
        # xunit: the core's rules, without PowerShell, on SQLite (and the PostgreSQL store's own tests)...
        $runs = @(Invoke-Xunit 'core')
        if ($env:COMMERCESYNC_TEST_POSTGRES) {
            # ...then the whole suite again with every store on PostgreSQL, but for what only a SQLite file has.
            $env:COMMERCESYNC_TEST_BACKEND = 'PostgreSQL'
            try { $runs += Invoke-Xunit 'core-postgres' 'Backend!=SQLite&Backend!=PostgreSQL' }
            finally { Remove-Item Env:COMMERCESYNC_TEST_BACKEND }
        }
        else {
            Write-Warning 'No PostgreSQL here: the PostgreSQL tests are reported skipped, and the suite did not run on PostgreSQL.'
        }
        foreach ($r in $runs) { $passed += $r.Passed; $failed += $r.Failed; $skipped += $r.Skipped }

        # Pester: the module as a user runs it, in a fresh pwsh so the freshly built DLLs load and nothing leaks from this session...
        $pesterRuns = @(@{ Name = 'pester'; Paths = @(Join-Path $Root 'tests/Pester') })
        if ($env:COMMERCESYNC_TEST_POSTGRES) {
            # ...then the whole suite again with every test store on PostgreSQL: what a store's backend cannot change (metadata,
            # packaging, store files, the harnesses the first pass ran on both) is reported skipped.
            $pesterRuns += @{ Name = 'pester-postgres'; Backend = 'PostgreSQL'; Paths = @(Join-Path $Root 'tests/Pester') }
        }
        $pester = Get-PesterManifest
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        foreach ($run in $pesterRuns) {
            $summary = Join-Path $Results "$($run.Name).json"
            if ($run['Backend']) { $env:COMMERCESYNC_TEST_BACKEND = $run['Backend'] }
            try { & $pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'build/Invoke-PesterSuite.ps1') -PesterManifest $pester -TestPath ($run.Paths -join ';') -SummaryPath $summary }
            finally { if ($run['Backend']) { Remove-Item Env:COMMERCESYNC_TEST_BACKEND } }
            if (Test-Path $summary) {
                $p = Get-Content -Raw $summary | ConvertFrom-Json
                $passed += $p.Passed
                $failed += $p.Failed
                $skipped += $p.Skipped
            }
            else {
                Write-Warning "The Pester run '$($run.Name)' wrote no results."
                $failed += 1
            }
        }
    }
    finally {
        if ($server) { Stop-TestPostgres $server; Remove-Item Env:COMMERCESYNC_TEST_POSTGRES }
    }

    Write-Host ''
    if ($skipped -gt 0) { Write-Host "$skipped skipped" }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $demoArgs = @('-NoProfile', '-File', (Join-Path $Root 'build/Demo.ps1'))
    if ($UseDefaultStore) { $demoArgs += '-UseDefaultStore' }
    & $pwsh @demoArgs
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Stress {
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $harness = Join-Path $Root 'build/Stress.ps1'
    & $pwsh -NoProfile -Command "& '$harness' -Mode Crash -Rounds 20 -KillsPerJob 2 -CustomersPerRound 5000 | Format-List; & '$harness' -Mode Concurrency -Workers 2, 4 -CustomersPerRound 50000 | Format-List; & '$harness' -Mode Busy | Format-List"
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    # The harness starts its own processes (one per measured phase); the driver script itself runs here.
    & (Join-Path $Root 'bench/Invoke-Bench.ps1') -Size $BenchSize
}

function Get-ReleaseNotes([string] $Version) {
    # The CHANGELOG.md section of one version: what follows its "## [version]" heading up to the next version's.
    $changelog = Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')
    $pattern = '(?ms)^## \[' + [regex]::Escape($Version) + '\][^\n]*\n(?<notes>.*?)(?=^## \[|\z)'
    if ($changelog -notmatch $pattern) { throw "CHANGELOG.md has no section for version $Version." }
    $Matches.notes.Trim()
}

function Set-PackagedReleaseNotes([string] $Manifest, [string] $Version) {
    # Only the packaged copy changes; the line in the repo's manifest stays empty so the changelog is the one source.
    $notes = (Get-ReleaseNotes $Version) -replace "'", "''"
    $text = Get-Content -Raw -LiteralPath $Manifest
    $line = "ReleaseNotes = ''"
    if (-not $text.Contains($line)) { throw "The manifest has no empty ReleaseNotes line to fill." }
    Set-Content -LiteralPath $Manifest -Value $text.Replace($line, "ReleaseNotes = '$notes'") -NoNewline
}

function Invoke-Package {
    $version = Get-ModuleVersion
    $target = Join-Path $Root "out/CommerceSync/$version"
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    New-Item -ItemType Directory -Path (Join-Path $target 'module') -Force | Out-Null
    Copy-Item $Manifest $target
    Copy-Item (Join-Path $Root 'en-US') $target -Recurse
    foreach ($item in 'CommerceSync.psm1', 'CommerceSync.format.ps1xml', 'bin', 'en-US') {
        $source = Join-Path $Root "module/$item"
        if (Test-Path $source) { Copy-Item $source (Join-Path $target 'module') -Recurse }
    }
    # What a user of the installed module reads beside the code: the licence, the changes, the sample files the tour uses.
    Copy-Item (Join-Path $Root 'LICENSE'), (Join-Path $Root 'CHANGELOG.md') $target
    New-Item -ItemType Directory -Path (Join-Path $target 'docs') -Force | Out-Null
    Copy-Item (Join-Path $Root 'docs/examples') (Join-Path $target 'docs') -Recurse
    Set-PackagedReleaseNotes -Manifest (Join-Path $target 'CommerceSync.psd1') -Version $version
    Get-ChildItem $target -Recurse -Filter '*.pdb' | Remove-Item
    Write-Host "Packaged $target"
}

foreach ($t in $Task) {
    switch ($t) {
        'Clean' { foreach ($p in 'module/bin', 'module/en-US', 'en-US', 'out', 'obj') { Remove-Item (Join-Path $Root $p) -Recurse -Force -ErrorAction SilentlyContinue } }
        'Build' { Invoke-Build }
        # Build writes the help itself, so what Test, Demo and Package check and ship is the help Build leaves.
        'Docs' { Invoke-Help; Invoke-GeneratedPages }
        'Test' { Invoke-Build; Invoke-GeneratedPages; Invoke-Test }
        'Demo' { Invoke-Build; Invoke-GeneratedPages; Invoke-Demo }
        'Package' { if (-not $NoBuild) { Invoke-Build; Invoke-GeneratedPages }; Invoke-Package }
        'Stress' { Invoke-Build; Invoke-Stress }
        'Bench' { Invoke-Build; Invoke-Bench }
    }
}
