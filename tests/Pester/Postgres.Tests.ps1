# A store on PostgreSQL, as a team whose runbooks run on several machines uses it. Needs the test server that
# build.ps1 Test starts where PostgreSQL is installed ($env:COMMERCESYNC_TEST_POSTGRES); without one, reported skipped.
BeforeDiscovery {
    $script:NoServer = -not $env:COMMERCESYNC_TEST_POSTGRES
    # The second pass (every store on PostgreSQL) has run all of this in the first.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Stress = Join-Path $PSScriptRoot '../../build/Stress.ps1'

    function New-PostgresLocation { "$env:COMMERCESYNC_TEST_POSTGRES;Search Path=p_$([guid]::NewGuid().ToString('N').Substring(0, 20))" }
}

Describe 'A shared store on PostgreSQL' -Skip:($NoServer -or $PostgresPass) {
    BeforeEach {
        $script:location = New-PostgresLocation
        New-CommerceStore -ConnectionString $location | Out-Null
        Connect-CommerceStore -ConnectionString $location | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
    }

    It 'is made, chosen and shown like a store file, without its password' {
        $store = Get-CommerceStore
        $store.Backend | Should -Be 'PostgreSQL'
        $store.Source | Should -Be 'Session'
        $store.Channels | Should -Be 2
        $withPassword = "$location;Password=not-shown"
        (Get-CommerceStore -Store $withPassword).Path | Should -Not -Match 'not-shown'
        # The store object carries its location (so it pipes back to its store), and shows it without the password anywhere.
        Get-CommerceStore -Store $withPassword | Format-List * | Out-String | Should -Not -Match 'not-shown'
        Get-CommerceStore -Store $withPassword | ConvertTo-Json -Depth 4 | Should -Not -Match 'not-shown'
        (Get-CommerceStore -Store $withPassword | Get-CommerceChannel).ChannelId | Should -Be (Get-CommerceChannel -Store $location).ChannelId
        (Get-CommerceChannel -Store $withPassword -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join ' ' | Should -Not -Match 'not-shown'
        { New-CommerceStore -ConnectionString $location -ErrorAction Stop } | Should -Throw -ErrorId 'StoreExists,CommerceSync.NewCommerceStore'
        { Get-CommerceStore -Store 'Host=127.0.0.1;Port=1;Timeout=2' -ErrorAction Stop } | Should -Throw -ErrorId 'StoreUnavailable,CommerceSync.GetCommerceStore'
        { Backup-CommerceStore -Destination (Join-Path $TestDrive 'copy.db') -ErrorAction Stop } | Should -Throw -ErrorId 'BackupNotSupported,CommerceSync.BackupCommerceStore'
    }

    It 'runs the conversion in record and in bulk mode, and again changes nothing' {
        1..5 | ForEach-Object { New-AsyncCustomer S0001 -FirstName "A$_" -Street "$_ Main" -Country USA -Attribute @{ Tier = $_ } } | Out-Null
        1..5 | ForEach-Object { New-AsyncCustomer S0002 -FirstName "B$_" } | Out-Null
        New-AsyncCustomer S0002 -FirstName Bad -Email nope | Out-Null
        $record = Get-AsyncCustomer -Status Pending -Channel S0001 | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010
        $record.Count | Should -Be 5
        $record | Should -BeOfType CommerceSync.Customer
        $runs = Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010
        $runs.Status | Should -Be 'Completed'
        @(Get-AsyncCustomer -Status Distributed).Count | Should -Be 10
        (Get-AsyncCustomer -Status Failed).Error | Should -Match 'email'
        (Get-CommerceCustomer -Channel s0002 | Where-Object SyncStatus -eq 'Synced').Count | Should -Be 10 -Because 'channel ids compare without case, as on SQLite'
        (Get-CommerceCustomer).AccountNumber | Sort-Object | Should -Be @(1..10 | ForEach-Object { 'C{0:000000}' -f $_ })
        @((Invoke-PJob).Processed, (Convert-AsyncCustomer).Processed, (Invoke-Job1010).Processed) | Should -Be @(0, 0, 0)
        Test-CommerceStore | Should -BeTrue
    }

    It 'syncs the async customers orders and end of day reference, exactly once' {
        $c = New-AsyncCustomer S0001 -FirstName Orla -Street '1 Dock' -Country USA
        $c | New-CommerceTransaction -Type CustomerOrder -Amount 20 -DeliveryAddressId $c.Addresses[0].AddressId | Out-Null
        $c | New-CommerceTransaction -Amount 5 | Out-Null
        (Invoke-PJob | Sync-CommerceOrder).Processed | Should -Be 1
        (Invoke-StatementPosting).Status | Should -Be 'Posted'
        Convert-AsyncCustomer | Out-Null
        @(Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Count | Should -Be 1
        Get-CommerceSyncReport | Where-Object ChannelId -eq '*' | ForEach-Object { $_.Failed + $_.TransactionsBlockingPosting } | Should -Be 0
    }

    It 'moves a store file to PostgreSQL with Export-CommerceData and Import-CommerceData' {
        $file = Join-Path $TestDrive 'moving.db'
        New-CommerceStore $file | Out-Null
        New-CommerceChannel S0009 -AsyncCustomerMode -Store $file | Out-Null
        New-AsyncCustomer S0009 -FirstName Mo -Store $file | Invoke-PJob -Store $file | Convert-AsyncCustomer -Store $file | Out-Null
        $export = Join-Path $TestDrive 'moving.jsonl'
        Export-CommerceData $export -Store $file | Out-Null
        $target = New-PostgresLocation
        New-CommerceStore -ConnectionString $target | Out-Null
        (Import-CommerceData $export -Store $target).Rows | Should -BeGreaterThan 5
        (Get-CommerceCustomer -Store $target).AccountNumber | Should -Be 'C000001'
        (Invoke-Job1010 -Store $target).Processed | Should -Be 1
    }
}

Describe 'Several workers on one PostgreSQL store' -Skip:($NoServer -or $PostgresPass) {
    It 'survives SIGKILL inside every job, rerunning each, with nothing lost and nothing twice' {
        $r = & $Stress -Mode Crash -Rounds 2 -CustomersPerRound 200 -ChunkSize 20 -ConnectionString (New-PostgresLocation) -Folder (Join-Path $TestDrive 'crash')
        Write-Host ("crash on PostgreSQL: {0} kills ({1} inside a run), {2} async customers, {3} lost" -f $r.Kills, $r.KillsMidRun, $r.AsyncCustomers, $r.Lost)
        $r.KillsMidRun | Should -BeGreaterOrEqual 5
        $r.KilledRunsNotShownInterrupted | Should -Be 0
        $r.ViolationsAfterReruns | Should -Be 0
        Assert-NothingLostNothingTwice $r
        $r.NotDistributed | Should -Be 0
        $r.AsyncCustomers | Should -Be 400
    }

    It 'runs the same job and different jobs from 2 and 4 processes at once with no duplicates, nothing lost, no errors' {
        $r = & $Stress -Mode Concurrency -Workers 2, 4 -CustomersPerRound 150 -ChunkSize 20 -ConnectionString (New-PostgresLocation) -Folder (Join-Path $TestDrive 'conc')
        Write-Host ("concurrency on PostgreSQL: {0} concurrent runs, {1} failed, {2} lost" -f $r.ConcurrentRuns, $r.FailedRuns, $r.Lost)
        $r.ConcurrentRuns | Should -Be 42
        $r.FailedRuns | Should -Be 0 -Because "$($r.FirstFailure)"
        Assert-NothingLostNothingTwice $r
    }

    It 'fails with StoreBusy after the configured timeout when another worker holds the store' {
        $r = & $Stress -Mode Busy -ConnectionString (New-PostgresLocation) -Folder (Join-Path $TestDrive 'busy')
        $r.ErrorId | Should -Be 'StoreBusy,CommerceSync.InvokePJob'
        $r.ExitCode | Should -Be 3
        $r.Seconds | Should -BeLessThan 15
    }
}
