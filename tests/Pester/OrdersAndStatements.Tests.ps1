BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # One store in async mode: an async customer with an async delivery address, a bad async customer, and a synced customer.
    function New-SalesStore {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        $good = New-AsyncCustomer S0001 -FirstName Olga -LastName Order -Email olga@example.com
        $synced = New-AsyncCustomer S0002 -FirstName Sam -LastName Synced
        Invoke-PJob -Channel S0002 | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        [pscustomobject]@{
            Good          = $good
            Addr          = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $good.AsyncCustomerId -Street '5 Dock Rd' -City Tacoma -Country USA -Purpose Delivery
            Bad           = New-AsyncCustomer S0001 -FirstName Bert -LastName Broken -Email 'bert-at-example'
            SyncedAccount = (Get-CommerceCustomer -AsyncCustomerId $synced.AsyncCustomerId).AccountNumber
        }
    }

    function Get-Counts {
        [pscustomobject]@{
            Customers  = @(Get-CommerceCustomer).Count
            Orders     = @(Get-CommerceTransaction -Status Synchronized).Count
            Statements = @(Get-CommerceStatement -Status Posted).Count
            Posted     = @(Get-CommerceTransaction -Status Posted).Count
        }
    }
}

Describe 'Transactions at the POS' {
    BeforeEach { $s = New-SalesStore }

    It 'records a sale for an async customer with the GUID, and for a synced customer with the account' {
        $t1 = $s.Good | New-CommerceTransaction -Amount 19.99
        $t1 | Should -BeOfType CommerceSync.Transaction
        $t1.AsyncCustomerId | Should -Be $s.Good.AsyncCustomerId
        $t1.AccountNumber | Should -BeNullOrEmpty
        $t1.Type | Should -Be 'CashAndCarry'
        $t1.Status | Should -Be 'Pending'
        $t2 = New-CommerceTransaction -Channel S0001 -Type CustomerOrder -AccountNumber $s.SyncedAccount -Line @{ ItemId = 'A1'; Quantity = 2; Price = 4.25 }, @{ ItemId = 'B2'; Quantity = 1; Price = 1.5 }
        $t2.Amount | Should -Be 10.00
        $t2.AccountNumber | Should -Be $s.SyncedAccount
        (Get-CommerceTransaction -TransactionId $t2.TransactionId).Lines.Count | Should -Be 2
    }

    It 'keeps the GUID when an async customer is piped in before the store received its account' {
        Invoke-PJob -Channel S0001 | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $converted = Get-AsyncCustomer -AsyncCustomerId $s.Good.AsyncCustomerId
        $converted.AccountNumber | Should -Not -BeNullOrEmpty
        $t = $converted | New-CommerceTransaction -Amount 3
        $t.AsyncCustomerId | Should -Be $s.Good.AsyncCustomerId -Because 'job 1010 has not brought the account to S0001 yet'
        Invoke-Job1010 | Out-Null
        $t2 = $converted | New-CommerceTransaction -Amount 4
        $t2.AccountNumber | Should -Be $converted.AccountNumber
        $t2.AsyncCustomerId | Should -BeNullOrEmpty
    }

    It 'refuses what a POS would refuse, with error ids' {
        { New-CommerceTransaction -Channel S0001 -Type CustomerOrder -Amount 5 -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerRequired,CommerceSync.NewCommerceTransaction'
        { New-CommerceTransaction -Channel S0001 -Amount -5 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewCommerceTransaction'
        { New-CommerceTransaction -Channel S0002 -AsyncCustomerId $s.Good.AsyncCustomerId -Amount 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'AsyncCustomerNotFound,CommerceSync.NewCommerceTransaction' -Because 'an async customer is visible only at its own store'
        { New-CommerceTransaction -Channel S0001 -AccountNumber NOPE -Amount 5 -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerNotFound,CommerceSync.NewCommerceTransaction'
        { New-CommerceTransaction -Channel S0001 -AsyncCustomerId $s.Good.AsyncCustomerId -DeliveryAddressId nope -Amount 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressNotFound,CommerceSync.NewCommerceTransaction'
        New-CommerceTransaction -Channel S0001 -TransactionId T1 -Amount 1 | Out-Null
        { New-CommerceTransaction -Channel S0001 -TransactionId T1 -Amount 1 -ErrorAction Stop } | Should -Throw -ErrorId 'TransactionExists,CommerceSync.NewCommerceTransaction'
        @(Get-CommerceTransaction).Count | Should -Be 1
    }

    It 'uploads transactions with the P-job, by record or in bulk, above the watermark' {
        $t = $s.Good | New-CommerceTransaction -Amount 5
        $up = $t | Invoke-PJob
        $up | Should -BeOfType CommerceSync.Transaction
        $up.Status | Should -Be 'Uploaded'
        (Get-AsyncCustomer -AsyncCustomerId $s.Good.AsyncCustomerId).Status | Should -Be 'Uploaded' -Because 'older rows of the channel go up first'
        New-CommerceTransaction -Channel S0001 -Amount 6 | Out-Null
        (Invoke-PJob -Channel S0001).Processed | Should -Be 1 -Because 'only the new sale is above the watermark'
        (Invoke-PJob).Processed | Should -Be 0
    }
}

Describe 'Synchronize orders: an order that references an unsynced async customer or address syncs it first' {
    BeforeEach { $s = New-SalesStore }

    It 'creates the customer and address, then the sales order; a failed order does not block the others' {
        $ok = $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 25 -DeliveryAddressId $s.Addr.AddressId
        $broken = $s.Bad | New-CommerceTransaction -Type CustomerOrder -Amount 30
        $plain = New-CommerceTransaction -Channel S0001 -Type CustomerOrder -AccountNumber $s.SyncedAccount -Amount 7
        Invoke-PJob | Out-Null
        Get-AsyncCustomer -AsyncCustomerId $s.Good.AsyncCustomerId | ForEach-Object Status | Should -Be 'Uploaded'

        $orders = Get-CommerceTransaction -Type CustomerOrder | Sync-CommerceOrder -ErrorVariable err -ErrorAction SilentlyContinue
        $orders.Count | Should -Be 2
        $orders | Should -BeOfType CommerceSync.SalesOrder
        $orders.SalesId | Should -Be @('SO000001', 'SO000002')
        # The failed order, then the run that failed a record (what a runbook stops on).
        $err.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -Be 'OrderFailed,CommerceSync.SyncCommerceOrder'
        $err[1].FullyQualifiedErrorId | Should -Be 'RecordsFailed,CommerceSync.SyncCommerceOrder'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($broken.TransactionId))
        $err[0].Exception.Message | Should -Match 'email'

        $customer = Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId
        $customer.Addresses.AddressId | Should -Be $s.Addr.AddressId
        (Get-AsyncCustomer -AsyncCustomerId $s.Good.AsyncCustomerId).Status | Should -Be 'Converted'
        $tx = Get-CommerceTransaction -TransactionId $ok.TransactionId
        $tx.Status | Should -Be 'Synchronized'
        $tx.AccountNumber | Should -Be $customer.AccountNumber -Because 'HQ resolves the GUID to the account'
        $tx.SalesId | Should -Not -BeNullOrEmpty
        (Get-CommerceTransaction -TransactionId $broken.TransactionId).Status | Should -Be 'Failed'
        (Get-CommerceTransaction -TransactionId $plain.TransactionId).Status | Should -Be 'Synchronized'
    }

    It 'delivers to a new address a store added for a synced customer, creating the address first' {
        # The customer is known to S0002 (synced); the address exists only in S0002's channel database.
        $hq = Get-CommerceCustomer -AccountNumber $s.SyncedAccount
        $addr = New-AsyncCustomerAddress -Channel S0002 -AccountNumber $s.SyncedAccount -Street '9 Pier Way' -City Everett -Country USA -Purpose Delivery
        $hq.Addresses.AddressId | Should -Not -Contain $addr.AddressId
        $order = Get-CommerceCustomer -Channel S0002 -AccountNumber $s.SyncedAccount | New-CommerceTransaction -Type CustomerOrder -Amount 12 -DeliveryAddressId $addr.AddressId
        $order.ChannelId | Should -Be 'S0002'
        $order.AccountNumber | Should -Be $s.SyncedAccount -Because 'a piped customer the store knows is referenced by its account'
        $so = $order | Invoke-PJob | Sync-CommerceOrder
        $so.DeliveryAddressId | Should -Be $addr.AddressId
        $so.AccountNumber | Should -Be $s.SyncedAccount
        (Get-CommerceCustomer -AccountNumber $s.SyncedAccount).Addresses.AddressId | Should -Contain $addr.AddressId
        @(Get-CommerceCustomer).Count | Should -Be 1 -Because 'an address for a synced customer creates no customer'
    }

    It 'fails an order whose delivery address cannot be created, and keeps the others going' {
        $bad = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $s.Good.AsyncCustomerId -Street '1 Nowhere' -Country 'NOWHERE'
        $o1 = $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 5 -DeliveryAddressId $bad.AddressId
        $o2 = $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 6 -DeliveryAddressId $s.Addr.AddressId
        Invoke-PJob | Out-Null
        $orders = Get-CommerceTransaction -Type CustomerOrder | Sync-CommerceOrder -ErrorVariable err -ErrorAction SilentlyContinue
        @($orders).TransactionId | Should -Be @($o2.TransactionId)
        $err.Count | Should -Be 2 -Because 'the failed order, then the run that failed it'
        $err[1].FullyQualifiedErrorId | Should -Be 'RecordsFailed,CommerceSync.SyncCommerceOrder'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($o1.TransactionId))
        (Get-CommerceTransaction -TransactionId $o1.TransactionId).Status | Should -Be 'Failed'
    }

    It 'bulk mode writes a JobRun, and running it twice creates nothing twice' {
        $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 25 | Out-Null
        $s.Bad | New-CommerceTransaction -Type CustomerOrder -Amount 30 | Out-Null
        $run = Invoke-PJob | Sync-CommerceOrder -ErrorAction SilentlyContinue
        $run | Should -BeOfType CommerceSync.JobRun
        $run.Job | Should -Be 'Synchronize orders'
        $run.Processed | Should -Be 1
        $run.Failed | Should -Be 1
        $before = Get-Counts
        (Sync-CommerceOrder).Processed | Should -Be 0
        (Get-Counts | ConvertTo-Json) | Should -Be ($before | ConvertTo-Json)
    }

    It 'changes nothing with -WhatIf' {
        $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 25 | Out-Null
        Invoke-PJob | Out-Null
        Sync-CommerceOrder -WhatIf | Should -BeNullOrEmpty
        Get-CommerceTransaction -Type CustomerOrder | Sync-CommerceOrder -WhatIf | Should -BeNullOrEmpty
        (Get-CommerceTransaction).Status | Should -Be 'Uploaded'
        Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId | Should -BeNullOrEmpty
    }

    It 'the customers an orders run created reach the stores through job 1010' {
        $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 25 | Out-Null
        Invoke-PJob | Sync-CommerceOrder | Invoke-Job1010 | Out-Null
        (Get-CommerceCustomer -Channel S0001 -AsyncCustomerId $s.Good.AsyncCustomerId).SyncStatus | Should -Be 'Synced'
    }
}

Describe 'Legacy statement posting: a cash-and-carry sale that references an async customer syncs it before posting' {
    # The statement of a store and business day, as a store posts it before trickle feed (TrickleFeed.Tests.ps1 has the other mode).
    BeforeEach { $s = New-SalesStore; Set-CommerceStore -StatementPostingMode Legacy }

    It 'posts one statement per store and business day, syncing the referenced customer first' {
        $day1 = [datetime]'2026-11-20'; $day2 = [datetime]'2026-11-21'
        $s.Good | New-CommerceTransaction -Amount 10 -BusinessDate $day1 | Out-Null
        New-CommerceTransaction -Channel S0001 -Amount 2.5 -BusinessDate $day1 | Out-Null
        New-CommerceTransaction -Channel S0001 -Amount 4 -BusinessDate $day2 | Out-Null
        New-CommerceTransaction -Channel S0002 -AccountNumber $s.SyncedAccount -Amount 8 -BusinessDate $day1 | Out-Null
        Invoke-PJob | Out-Null
        $statements = Invoke-StatementPosting
        $statements | Should -BeOfType CommerceSync.Statement
        ($statements | ForEach-Object { '{0} {1:yyyy-MM-dd} {2} {3} {4}' -f $_.ChannelId, $_.BusinessDate, $_.TransactionCount, $_.Total, $_.Status }) |
            Should -Be @('S0001 2026-11-20 2 12.5 Posted', 'S0001 2026-11-21 1 4 Posted', 'S0002 2026-11-20 1 8 Posted')
        (Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId).AccountNumber | Should -Match '^C\d{6}$'
        (Get-CommerceTransaction -Status Posted).Count | Should -Be 4
        (Get-CommerceJobRun -Job 'Statement posting').Processed | Should -Be 4
    }

    It 'does not post a statement whose sale references a customer that cannot sync, and says which and why' {
        $t = $s.Bad | New-CommerceTransaction -Amount 10 -BusinessDate '2026-11-20'
        New-CommerceTransaction -Channel S0001 -Amount 3 -BusinessDate '2026-11-20' | Out-Null
        Invoke-PJob | Out-Null
        $s = Invoke-StatementPosting -WarningVariable warn -WarningAction SilentlyContinue
        $s.Status | Should -Be 'Failed'
        $s.Error | Should -Match ([regex]::Escape($t.TransactionId))
        $s.Error | Should -Match 'email'
        $warn.Count | Should -Be 1
        @(Get-CommerceTransaction -Status Posted).Count | Should -Be 0 -Because 'nothing of a blocked statement is posted'
        # Posting again recalculates the same statement instead of creating another.
        $again = Invoke-StatementPosting -WarningAction SilentlyContinue
        $again.StatementId | Should -Be $s.StatementId
        @(Get-CommerceStatement).Count | Should -Be 1
    }

    It 'posting twice creates nothing twice; a later sale of a posted day goes into a new statement' {
        New-CommerceTransaction -Channel S0001 -Amount 3 -BusinessDate '2026-11-20' | Out-Null
        Invoke-PJob | Out-Null
        Invoke-StatementPosting | Out-Null
        Invoke-StatementPosting | Should -BeNullOrEmpty
        @(Get-CommerceStatement).Count | Should -Be 1
        New-CommerceTransaction -Channel S0001 -Amount 5 -BusinessDate '2026-11-20' | Out-Null
        Invoke-PJob | Out-Null
        $late = Invoke-StatementPosting
        $late.Total | Should -Be 5
        @(Get-CommerceStatement -Status Posted).Count | Should -Be 2
    }

    It 'posts only the channels piped in, and the business date asked for' {
        New-CommerceTransaction -Channel S0001 -Amount 1 -BusinessDate '2026-11-20' | Out-Null
        New-CommerceTransaction -Channel S0001 -Amount 1 -BusinessDate '2026-11-21' | Out-Null
        New-CommerceTransaction -Channel S0002 -Amount 1 -BusinessDate '2026-11-20' | Out-Null
        Invoke-PJob | Out-Null
        $s = Get-CommerceChannel S0001 | Invoke-StatementPosting -BusinessDate '2026-11-21'
        $s.ChannelId | Should -Be 'S0001'
        $s.BusinessDate | Should -Be ([datetime]'2026-11-21')
        Invoke-StatementPosting -WhatIf | Should -BeNullOrEmpty
        @(Get-CommerceStatement).Count | Should -Be 1
    }
}

# Legacy posting's own three paths; trickle feed's four (with validation) are TrickleFeed.Tests.ps1's.
Describe 'Exactly once in legacy posting: whichever path reaches an async customer first' {
    BeforeDiscovery {
        $paths = 'SyncJob', 'Orders', 'Statement'
        $orders = foreach ($a in $paths) { foreach ($b in $paths) { foreach ($c in $paths) { if ($a -ne $b -and $b -ne $c -and $a -ne $c) { , @($a, $b, $c) } } } }
        $cases = $orders | ForEach-Object { @{ Paths = $_; Name = $_ -join ' -> ' } }
    }

    It 'gives one account, reused by the other paths: <Name>' -TestCases $cases {
        $s = New-SalesStore
        Set-CommerceStore -StatementPostingMode Legacy
        $order = $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 20 -DeliveryAddressId $s.Addr.AddressId
        $sale = $s.Good | New-CommerceTransaction -Amount 5
        Invoke-PJob | Out-Null
        foreach ($path in $Paths) {
            switch ($path) {
                'SyncJob' { Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null }
                'Orders' { Sync-CommerceOrder -ErrorAction SilentlyContinue | Out-Null }
                'Statement' { Invoke-StatementPosting -WarningAction SilentlyContinue | Out-Null }
            }
        }
        $accounts = @(Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId)
        $accounts.Count | Should -Be 1
        $accounts[0].Addresses.Count | Should -Be 1
        (Get-CommerceTransaction -TransactionId $order.TransactionId).AccountNumber | Should -Be $accounts[0].AccountNumber
        (Get-CommerceTransaction -TransactionId $sale.TransactionId).AccountNumber | Should -Be $accounts[0].AccountNumber
        (Get-CommerceTransaction -TransactionId $order.TransactionId).Status | Should -Be 'Synchronized'
        (Get-CommerceTransaction -TransactionId $sale.TransactionId).Status | Should -Be 'Posted'
        @(Get-CommerceCustomer).Count | Should -Be 2 -Because 'the synced customer of S0002 and this one, nothing more'
        # Everything again, in the same order: nothing new.
        $before = Get-Counts | ConvertTo-Json
        Convert-AsyncCustomer | Out-Null; Sync-CommerceOrder | Out-Null; Invoke-StatementPosting | Out-Null
        Get-Counts | ConvertTo-Json | Should -Be $before
    }
}
