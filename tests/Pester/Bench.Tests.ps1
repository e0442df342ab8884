# The benchmark harness is not a test, and no timing is asserted here: this only runs it at a tiny size, every phase,
# so that `./build.ps1 Bench` cannot rot between the (long) real runs. About 20 s, most of it building the harness.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): skipped, the first pass runs the harness on both backends.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
    . (Join-Path $PSScriptRoot '../../build/Postgres.ps1')
    $script:HasPostgres = [bool](Find-PostgresBin)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:BenchScript = (Resolve-Path (Join-Path $PSScriptRoot '../../bench/Invoke-Bench.ps1')).Path
}

Describe 'The benchmark harness (bench/Invoke-Bench.ps1)' -Skip:$PostgresPass {
    BeforeAll {
        $script:Out = Join-Path $TestDrive 'results.md'
        $work = Join-Path $TestDrive 'bench'
        $script:Output = & $script:Pwsh -NoProfile -NonInteractive -File $script:BenchScript -Size 200 -WorkFolder $work -Out $script:Out 2>&1
        $script:ExitCode = $LASTEXITCODE
        $script:Report = if (Test-Path $script:Out) { Get-Content -LiteralPath $script:Out } else { @() }
    }

    It 'completes and writes its report where it was told' {
        $script:ExitCode | Should -Be 0 -Because ($script:Output -join [Environment]::NewLine)
        $script:Out | Should -Exist
    }

    It 'measures the PostgreSQL store by 1, 2 and 4 workers, converting every customer each time' -Skip:(-not $HasPostgres) {
        $pg = Join-Path $TestDrive 'results-postgres.md'
        $pg | Should -Exist
        foreach ($workers in 1, 2, 4) {
            $row = Get-Content $pg | Where-Object { $_ -match "^\| $workers \|" }
            $row | Should -Not -BeNullOrEmpty -Because "the table needs a row for $workers workers"
            $row | Should -Match '\| 200 \| 4,000 \|$' -Because 'every run converts all 200 customers and sends each to 20 stores'
        }
    }

    It 'measures the conversion four ways, none stopped or failed' {
        foreach ($mode in 'reference', 'core', 'bulk', 'record') {
            $row = $script:Report | Where-Object { $_ -match "^\| 200 \| $mode \|" }
            $row | Should -Not -BeNullOrEmpty -Because "the table needs a $mode row"
            $row | Should -Not -Match '\((failed|stopped)\)'
        }
    }

    It 'leaves the same data whichever way the conversion ran' {
        $script:Report | Where-Object { $_ -match '^\| (customers|channel customer rows|HQ addresses|HQ attributes|async links)' } | Should -Not -BeNullOrEmpty
        $script:Report | Where-Object { $_ -match '\*\*NO\*\*' } | Should -BeNullOrEmpty
    }

    It 'times the other paths and evaluates the targets' {
        ($script:Report -join "`n") | Should -Match 'Sync-CommerceOrder'
        ($script:Report -join "`n") | Should -Match 'Invoke-StatementPosting'
        # Trickle feed (the seed is a new store): validation and posting each report the sales they took, none stopped.
        foreach ($job in 'Invoke-CommerceTransactionValidation', 'Invoke-StatementPosting -EndOfDay') {
            $row = $script:Report | Where-Object { $_.Contains("``$job``") } | Select-Object -First 1
            $row | Should -Not -BeNullOrEmpty -Because "the report has a row for $job"
            ($row -split '\|')[4].Trim() | Should -Not -BeIn '0', '-' -Because "$job processed the seed's sales: $row"
        }
        ($script:Report -join "`n") | Should -Match 'Import-Csv big.csv \\\| New-AsyncCustomer'
        $script:Report | Should -Contain '## Targets'
        $script:Report | Where-Object { $_ -match '^\d+ passed, \d+ failed\.$' } | Should -Not -BeNullOrEmpty
        $script:Report | Should -Contain '## Bottlenecks'
    }
}
