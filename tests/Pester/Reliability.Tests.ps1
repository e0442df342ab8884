# Crash, concurrency, busy store, backup, personal data. The same harness runs at full size with ./build.ps1 Stress.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): the crash, concurrency and busy harness is Postgres.Tests.ps1's (first pass), backups are of store files.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Stress = Join-Path $PSScriptRoot '../../build/Stress.ps1'
}

Describe 'Runbooks that die mid-job lose nothing and create nothing twice' {
    It 'survives SIGKILL at random points of every job, rerunning each' -Skip:$PostgresPass {
        $r = & $Stress -Mode Crash -Rounds 3 -CustomersPerRound 300 -ChunkSize 20 -Folder (Join-Path $TestDrive 'crash')
        Write-Host ("crash: {0} kills ({1} inside a recorded run; {2}), {3} async customers, {4} transactions, {5} lost" -f $r.Kills, $r.KillsMidRun, $r.KillsPerJob, $r.AsyncCustomers, $r.Transactions, $r.Lost)
        $r.Kills | Should -BeGreaterOrEqual 12
        # Kills follow each job's own progress lines, so most land inside the run: every job is killed mid-run at least once.
        foreach ($job in 'P-job', 'Sync', 'Orders', 'Statement', '1010') { $r.MidRunPerJob.$job | Should -BeGreaterOrEqual 1 -Because "$job must be killed inside a run" }
        $r.KillsMidRun | Should -BeGreaterOrEqual ($r.Kills / 2)
        $r.KilledRunsNotShownInterrupted | Should -Be 0 -Because 'a run whose process was killed shows as Interrupted'
        $r.ViolationsAfterReruns | Should -Be 0
        Assert-NothingLostNothingTwice $r
        $r.NotDistributed | Should -Be 0
        $r.AsyncCustomers | Should -Be 900
        $r.Transactions | Should -Be 93 -Because 'each round adds 15 orders, 15 sales and one sale for a customer HQ refuses'
        $r.SalesHeldByRefusedStatements | Should -BeGreaterThan 0 -Because 'a statement with a refused customer is not posted, and its sales wait'
    }

    It 'shows a run whose process died as Interrupted' {
        $db = New-TestStore
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        1..300 | ForEach-Object { [pscustomobject]@{ FirstName = "N$_" } } | New-AsyncCustomer -Channel S1 | Out-Null
        $script = Join-Path $TestDrive 'die.ps1'
        # The job reports each chunk on the verbose stream; the process kills itself after the first one.
        Set-Content $script @"
Import-Module '$ModuleManifest'
Invoke-PJob -Store '$db' -ChunkSize 10 -Verbose 4>&1 | ForEach-Object { if ("`$_" -like 'Uploaded*') { [Environment]::FailFast('killed mid-run') } }
"@
        & $Pwsh -NoProfile -NonInteractive -File $script 2>&1 | Out-Null
        $run = Get-CommerceJobRun -Last 1
        $run.Status | Should -Be 'Interrupted'
        $run.Message | Should -Match 'ended before it finished'
        (Invoke-PJob).Status | Should -Be 'Completed'
        @(Get-AsyncCustomer -Status Pending).Count | Should -Be 0
        Test-CommerceStore | Should -BeTrue
    }
}

Describe 'Several workers on one store' {
    It 'runs the same job and different jobs from 2 and 4 processes at once with no duplicates, nothing lost, no locked errors' -Skip:$PostgresPass {
        $r = & $Stress -Mode Concurrency -Workers 2, 4 -CustomersPerRound 200 -ChunkSize 20 -Folder (Join-Path $TestDrive 'conc')
        Write-Host ("concurrency: {0} concurrent runs, {1} failed, {2} lost" -f $r.ConcurrentRuns, $r.FailedRuns, $r.Lost)
        $r.ConcurrentRuns | Should -Be 36 -Because 'each of the five jobs, then different jobs, from 2 and then 4 processes'
        $r.FailedRuns | Should -Be 0 -Because "$($r.FirstFailure)"
        Assert-NothingLostNothingTwice $r
    }

    It 'fails with StoreBusy after the configured timeout when another process holds the store' -Skip:$PostgresPass {
        $r = & $Stress -Mode Busy -Folder (Join-Path $TestDrive 'busy')
        $r.ErrorId | Should -Be 'StoreBusy,CommerceSync.InvokePJob'
        $r.ExitCode | Should -Be 3
        $r.Seconds | Should -BeLessThan 15
    }

    It 'keeps the busy timeout as a store setting' {
        New-TestStore | Out-Null
        Set-CommerceStore -BusyTimeout 7
        (Get-CommerceStore).BusyTimeout.TotalSeconds | Should -Be 7
    }
}

Describe 'Backup-CommerceStore' -Skip:$PostgresPass {
    It 'takes a consistent copy while a job runs, and the restored copy passes the invariants' {
        $db = New-TestStore
        foreach ($ch in 'S1', 'S2') { New-CommerceChannel -ChannelId $ch -AsyncCustomerMode | Out-Null }
        1..600 | ForEach-Object { [pscustomobject]@{ Channel = ('S1', 'S2')[$_ % 2]; FirstName = "B$_"; Email = "b$_@example.com" } } | New-AsyncCustomer | Out-Null
        $job = Join-Path $TestDrive 'job.ps1'
        Set-Content $job "Import-Module '$ModuleManifest'; Invoke-PJob -Store '$db' -ChunkSize 5 | Convert-AsyncCustomer -Store '$db' -ChunkSize 5 | Invoke-Job1010 -Store '$db' -ChunkSize 5 | Out-Null"
        $p = Start-Process $Pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $job -PassThru
        $copies = foreach ($i in 1..3) {
            Start-Sleep -Milliseconds 400
            Backup-CommerceStore -Destination (Join-Path $TestDrive "copy$i.db")
        }
        $p.WaitForExit()
        $copies.Count | Should -Be 3
        foreach ($copy in $copies) {
            Test-CommerceStore -Store $copy.Path | Should -BeTrue -Because "$($copy.Path) is a consistent copy"
            # Restored and resumed, a copy converges to the same end state.
            Invoke-PJob -Store $copy.Path | Out-Null; Convert-AsyncCustomer -Store $copy.Path | Out-Null; Invoke-Job1010 -Store $copy.Path | Out-Null
            @(Get-AsyncCustomer -Store $copy.Path -Status Distributed).Count | Should -Be 600
            Test-CommerceStore -Store $copy.Path | Should -BeTrue
        }
        if (-not $IsWindows) { (Get-Item $copies[0].Path).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
    }
}

Describe 'Personal data stays out of errors and verbose output' {
    It 'names no email or phone in the errors and verbose lines of a conversion' {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S1 -FirstName Pat -Email 'pat.private@example.com' -Phone '+1 555 0123' | Out-Null
        New-AsyncCustomer S1 -FirstName Bad -Email 'secret-but-broken' -Phone 'call me' | Out-Null
        $uploaded = Get-AsyncCustomer | Invoke-PJob -Verbose 4>&1
        $converted = $uploaded | Where-Object { $_ -is [CommerceSync.AsyncCustomer] } | Convert-AsyncCustomer -Verbose -ErrorAction SilentlyContinue -ErrorVariable err 4>&1
        $distributed = $converted | Where-Object { $_ -is [CommerceSync.Customer] } | Invoke-Job1010 -Verbose 4>&1
        $verbose = @($uploaded) + @($converted) + @($distributed) | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterThan 3
        $text = (@($verbose.Message) + @($err | ForEach-Object { $_.Exception.Message }) + @(Get-AsyncCustomer -Status Failed).Error) -join "`n"
        $err.Count | Should -Be 1
        $text | Should -Not -Match 'pat\.private|secret-but-broken|0123|call me'
    }
}
