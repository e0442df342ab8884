BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # 20 customers with one address each: 10 at S0001 (which has an offline database), 10 at S0002.
    function New-CountStore {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        1..20 | ForEach-Object {
            New-AsyncCustomer -Channel ($_ % 2 ? 'S0001' : 'S0002') -FirstName "First$_" -LastName Count -Email "c$_@example.com" `
                -Street "$_ Main St" -City Town -Country USA
        }
    }

    # The run as the store keeps it, not as the cmdlet returned it.
    function Get-Stored([long] $RunId) { Get-CommerceJobRun -RunId $RunId }

    function Get-LastRun([string] $Job) { Get-CommerceJobRun -Job $Job -Last 1 }
}

Describe 'Job runs count rows as Processed and distinct customers as Customers' {
    BeforeEach { $script:customers = @(New-CountStore) }

    It 'bulk mode: 20 customers of one address are 40 rows uploaded and converted, 60 rows distributed, 20 customers each time' {
        # Chunks of 7 rows: a customer and its address go up, are converted and are distributed in different chunks.
        $p = Invoke-PJob -ChunkSize 7
        $s = $p | Convert-AsyncCustomer -ChunkSize 7
        $d = $s | Invoke-Job1010 -ChunkSize 7

        foreach ($run in $p, (Get-Stored $p.RunId)) { $run.Processed, $run.Customers | Should -Be 40, 20 }
        foreach ($run in $s, (Get-Stored $s.RunId)) { $run.Processed, $run.Customers | Should -Be 40, 20 }
        # Each customer to 3 databases (S0001, its offline database, S0002): 60 rows, still 20 customers.
        foreach ($run in $d, (Get-Stored $d.RunId)) { $run.Processed, $run.Customers | Should -Be 60, 20 }

        # A run with nothing left to do touched nobody.
        (Invoke-Job1010).Customers | Should -Be 0
    }

    It 'record mode: the same counts, each customer once however many chunks it spans' {
        # Chunks of 3 records: the 20 customers go through each job in 7 chunks.
        $out = Get-AsyncCustomer | Invoke-PJob -ChunkSize 3 | Convert-AsyncCustomer -ChunkSize 3 | Invoke-Job1010 -ChunkSize 3
        @($out).Count | Should -Be 20

        $p = Get-LastRun 'P-job'
        $p.Mode | Should -Be 'Record'
        $p.Processed, $p.Customers | Should -Be 40, 20
        $s = Get-LastRun 'Synchronize customers*'
        $s.Mode | Should -Be 'Record'
        $s.Processed, $s.Customers | Should -Be 40, 20
        $d = Get-LastRun '1010'
        $d.Mode | Should -Be 'Record'
        $d.Processed, $d.Customers | Should -Be 60, 20
    }

    It 'orders and statement posting count the customers they synchronize, beside the transactions they process' {
        # The first 10 place two customer orders each; the other 10 buy twice cash and carry.
        $orders = $customers[0..9] | ForEach-Object { $_; $_ } | New-CommerceTransaction -Type CustomerOrder -Amount 10
        $customers[10..19] | ForEach-Object { $_; $_ } | New-CommerceTransaction -Type CashAndCarry -Amount 5 | Out-Null

        # Record mode: the 20 orders in chunks of 3, syncing their 10 customers (each with its address) first.
        $sales = $orders | Invoke-PJob -ChunkSize 3 | Sync-CommerceOrder -ChunkSize 3
        @($sales).Count | Should -Be 20
        $o = Get-LastRun 'Synchronize orders'
        $o.Mode | Should -Be 'Record'
        $o.Processed, $o.Customers | Should -Be 20, 10

        Invoke-PJob | Out-Null
        Invoke-StatementPosting | Out-Null
        $e = Get-LastRun 'Statement posting'
        $e.Processed, $e.Customers | Should -Be 20, 10

        # Orders in bulk mode: nothing left to sync, nobody touched; job 1010 sends all 20 to the 3 databases.
        (Sync-CommerceOrder).Customers | Should -Be 0
        $d = Invoke-Job1010 -ChunkSize 7
        $d.Processed, $d.Customers | Should -Be 60, 20
    }

    It 'the runbook summary names the customers beside the rows' {
        Invoke-PJob -InformationVariable info | Out-Null
        "$(@($info | Where-Object Tags -contains 'CommerceSync')[0].MessageData)" | Should -Match 'P-job run \d+: Completed, 40 processed, 0 failed, 20 customers'
    }
}

Describe 'The JobRun views show Customers beside Processed' {
    BeforeAll {
        New-CountStore | Out-Null
        Invoke-PJob -ChunkSize 7 | Convert-AsyncCustomer -ChunkSize 7 | Invoke-Job1010 -ChunkSize 7 | Out-Null
    }

    It 'shows both counts in the default table, within 80 columns' {
        $lines = (Get-CommerceJobRun | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match 'Processed\s+Customers'
        foreach ($l in $lines) { $l.TrimEnd().Length | Should -BeLessOrEqual 80 -Because "'$l' must fit an 80-column console" }
        ($lines | Where-Object { $_ -match '^\s*\d+\s+1010' }) | Should -Match '\s60\s+20\s'
        ($lines | Where-Object { $_ -match '^\s*\d+\s+P-job' }) | Should -Match '\s40\s+20\s'
    }

    It 'shows both counts in the list view' {
        $list = Get-CommerceJobRun -Job 1010 | Format-List | Out-String -Width 80
        $list | Should -Match 'Processed\s+:\s+60'
        $list | Should -Match 'Customers\s+:\s+20'
    }

    It 'says in the help which count is rows and which is customers' {
        $help = Get-Help Get-CommerceJobRun -Full | Out-String -Width 200
        $help | Should -Match 'Processed'
        $help | Should -Match 'Customers'
        $help | Should -Match 'distinct customers'
        foreach ($page in 'Invoke-PJob', 'Convert-AsyncCustomer', 'Invoke-Job1010', 'Sync-CommerceOrder', 'Invoke-StatementPosting') {
            (Get-Help $page -Full | Out-String -Width 200) | Should -Match 'Customers' -Because "$page must say what its Customers count is"
        }
    }
}
