# Shared by the Pester files: where the module is, a fresh store per test, and a fresh pwsh for process-level checks.
$script:ModuleManifest = if ($env:COMMERCESYNC_MODULE) { $env:COMMERCESYNC_MODULE } else { (Resolve-Path (Join-Path $PSScriptRoot '../../CommerceSync.psd1')).Path }
$script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

# COMMERCESYNC_TEST_BACKEND=PostgreSQL: every test store is a schema of its own on the test server, not a file.
$script:OnPostgres = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL' -and $env:COMMERCESYNC_TEST_POSTGRES

function New-TestStore {
    # A fresh, empty store for one test, made the session's store; returns where it is (a path, or a connection string).
    param([string] $Name = "store-$([guid]::NewGuid().ToString('N')).db")
    if ($script:OnPostgres) {
        # Each test store is a schema, so a connection pool, of its own: close the idle connections earlier tests left in
        # theirs, or a run holds more connections than the test server takes (max_connections).
        $npgsql = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Npgsql' } | Select-Object -First 1
        if ($npgsql) { [void]$npgsql.GetType('Npgsql.NpgsqlConnection').GetMethod('ClearAllPools').Invoke($null, @()) }
        $location = "$env:COMMERCESYNC_TEST_POSTGRES;Search Path=t_$([guid]::NewGuid().ToString('N').Substring(0, 20))"
        New-CommerceStore -ConnectionString $location | Out-Null
        Connect-CommerceStore -ConnectionString $location | Out-Null
        return $location
    }
    $path = Join-Path $TestDrive $Name
    New-CommerceStore -Path $path | Connect-CommerceStore | Out-Null
    $path
}

function Invoke-FreshPwsh {
    # Runs a script in a new pwsh -NoProfile and returns its output lines; throws with stderr when it fails.
    param([Parameter(Mandatory)] [string] $Script)
    $file = Join-Path $TestDrive "fresh-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -LiteralPath $file -Value $Script
    $out = & $script:Pwsh -NoProfile -NonInteractive -File $file 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Fresh pwsh failed ($LASTEXITCODE): $($out -join [Environment]::NewLine)" }
    $out | ForEach-Object { "$_" }
}

function Assert-NothingLostNothingTwice {
    # What build/Stress.ps1 must report after any crash or concurrent run, on either backend.
    param([Parameter(Mandatory)] $Result)
    $Result.Violations | Should -BeNullOrEmpty -Because 'Test-CommerceStore must find every invariant holding'
    $Result.Lost | Should -Be 0 -Because 'no customer, sale or order may be left waiting after every job ran twice'
    $Result.NotExactlyOneAccount | Should -Be 0 -Because 'each valid async customer has exactly one account'
    $Result.DuplicateAccounts | Should -Be 0
    $Result.DuplicateSalesOrders | Should -Be 0
    # The harness's own reading of the store (raw SQL through sqlite3 or psql), and the same seed run without kills.
    $Result.OracleViolations | Should -BeNullOrEmpty -Because 'raw SQL must find gapless accounts, one per async customer, every database complete, no orphans'
    $Result.AccountGaps | Should -Be 0
    $Result.Orphans | Should -Be 0
    $Result.IntegrityCheck | Should -BeIn 'ok', 'n/a'
    $Result.Fingerprint | Should -Not -BeNullOrEmpty
    $Result.FingerprintMatches | Should -BeTrue -Because "HQ's customers must be what the same work gives without kills ($($Result.Fingerprint) vs $($Result.ReferenceFingerprint))"
}
