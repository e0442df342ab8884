# Trickle-feed posting, "Validate store transactions" and what posting makes, as an admin runs them.
# Sources (MicrosoftDocs/dynamics-365-unified-operations-public):
# - articles/commerce/trickle-feed.md: "transactions are processed throughout the day, and only the financial reconciliation
#   of tenders and other cash management transactions are processed at the end of the day"; "Calculate transactional
#   statements in batch ... picks up all unposted and validated transactions, and adds them to a new transactional statement";
#   "Before you enable the feature, make sure that no pending statements are waiting to be posted."
# - articles/commerce/valid-checker.md: "Only transactions that have a validation status of Successful will be pulled into the
#   transactional statements"; rule "Customer account: This rule validates that the customer that is used in the transaction
#   exists in the database."
# - articles/commerce/retail-statements.md: posting creates sales orders for the statement's customers and invoices them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # A store with S0001 in async mode: a good async customer, one HQ refuses (bad email), and a walk-in customer at HQ that
    # S0001 can make its default customer. S0002 is a second async store.
    function New-TrickleStore {
        param([switch] $WithDefaultCustomer)
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId HQ01 | Out-Null
        $walkIn = New-CommerceCustomer -Channel HQ01 -FirstName Walk -LastName In
        if ($WithDefaultCustomer) { Set-CommerceChannel S0001 -DefaultCustomer $walkIn.AccountNumber }
        [pscustomobject]@{
            Good   = New-AsyncCustomer S0001 -FirstName Olga -LastName Order -Email olga@example.com
            Bad    = New-AsyncCustomer S0001 -FirstName Bert -LastName Broken -Email 'bert-at-example'
            WalkIn = $walkIn.AccountNumber
        }
    }

    # The day of the story: two sales of the good async customer, one of the bad one, one anonymous sale.
    function New-SalesDay {
        param($s, [datetime] $Day = '2026-11-20')
        [pscustomobject]@{
            Good1     = $s.Good | New-CommerceTransaction -Amount 10 -BusinessDate $Day
            Good2     = $s.Good | New-CommerceTransaction -Amount 5 -BusinessDate $Day
            Bad       = $s.Bad | New-CommerceTransaction -Amount 7 -BusinessDate $Day
            Anonymous = New-CommerceTransaction -Channel S0001 -Amount 3 -BusinessDate $Day
        }
    }
}

Describe 'Statement posting mode' {
    It 'is TrickleFeed for a new store, shown on Get-CommerceStore, and can be set either way' {
        New-TestStore | Out-Null
        (Get-CommerceStore).StatementPostingMode | Should -Be 'TrickleFeed'
        Set-CommerceStore -StatementPostingMode Legacy
        (Get-CommerceStore).StatementPostingMode | Should -Be 'Legacy'
        Set-CommerceStore -StatementPostingMode TrickleFeed -PassThru | ForEach-Object StatementPostingMode | Should -Be 'TrickleFeed'
        Set-CommerceStore -StatementPostingMode Legacy -WhatIf
        (Get-CommerceStore).StatementPostingMode | Should -Be 'TrickleFeed' -Because '-WhatIf changes nothing'
    }

    It 'refuses trickle feed while a legacy statement waits to be posted, with StatementsPending' {
        $s = New-TrickleStore
        Set-CommerceStore -StatementPostingMode Legacy
        $s.Bad | New-CommerceTransaction -Amount 7 -BusinessDate '2026-11-20' | Out-Null
        Invoke-PJob | Out-Null
        (Invoke-StatementPosting -WarningAction SilentlyContinue).Status | Should -Be 'Failed'
        { Set-CommerceStore -StatementPostingMode TrickleFeed -ErrorAction Stop } | Should -Throw -ErrorId 'StatementsPending,CommerceSync.SetCommerceStore'
        (Get-CommerceStore).StatementPostingMode | Should -Be 'Legacy'
    }
}

Describe 'Validate store transactions' {
    BeforeEach { $s = New-TrickleStore; $day = New-SalesDay $s; Invoke-PJob | Out-Null }

    It 'marks each uploaded sale Successful or Error, syncing its async customer first, and only the bad one fails' {
        $run = Invoke-CommerceTransactionValidation -ErrorVariable errs -ErrorAction SilentlyContinue
        $run | Should -BeOfType CommerceSync.JobRun
        $run.Job | Should -Be 'Validate store transactions'
        $run.Processed | Should -Be 2
        $run.Failed | Should -Be 2 -Because 'the bad customer''s sale, and the anonymous one at a store with no default customer'
        $errs.Exception.Message | Should -Match 'Get-CommerceTransaction -ValidationStatus Error'
        (Get-CommerceTransaction -TransactionId $day.Good1.TransactionId).ValidationStatus | Should -Be 'Successful'
        (Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId).AccountNumber | Should -Match '^C\d{6}$'
        $bad = Get-CommerceTransaction -TransactionId $day.Bad.TransactionId
        $bad.ValidationStatus | Should -Be 'Error'
        $bad.ValidationError | Should -Match 'email'
        $anonymous = Get-CommerceTransaction -TransactionId $day.Anonymous.TransactionId
        $anonymous.ValidationError | Should -Match 'Set-CommerceChannel -DefaultCustomer'
        @(Get-CommerceTransaction -ValidationStatus Error).TransactionId | Sort-Object | Should -Be (@($day.Bad.TransactionId, $day.Anonymous.TransactionId) | Sort-Object)
        @(Get-CommerceTransaction -ValidationStatus Successful).Count | Should -Be 2
    }

    It 'validates piped sales again in record mode, writing each sale and a TransactionNotValid error for the ones that fail' {
        Invoke-CommerceTransactionValidation -ErrorAction SilentlyContinue | Out-Null
        Set-CommerceChannel S0001 -DefaultCustomer $s.WalkIn
        $out = Get-CommerceTransaction -ValidationStatus Error | Invoke-CommerceTransactionValidation -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeOfType CommerceSync.Transaction
        ($out | Where-Object TransactionId -eq $day.Anonymous.TransactionId).ValidationStatus | Should -Be 'Successful'
        ($out | Where-Object TransactionId -eq $day.Bad.TransactionId).ValidationStatus | Should -Be 'Error'
        @($errs).Count | Should -Be 2 -Because 'one error for the bad sale, and the run''s summary'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TransactionNotValid,*'
        (Get-CommerceJobRun -Job 'Validate store transactions' -Last 1).Mode | Should -Be 'Record'
    }

    It 'changes nothing with -WhatIf, and leaves customer orders to Synchronize orders' {
        $order = $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 20
        Invoke-PJob | Out-Null
        Invoke-CommerceTransactionValidation -WhatIf | Should -BeNullOrEmpty
        @(Get-CommerceTransaction -ValidationStatus None).Count | Should -Be 5
        @(Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId).Count | Should -Be 0
        Invoke-CommerceTransactionValidation -ErrorAction SilentlyContinue | Out-Null
        (Get-CommerceTransaction -TransactionId $order.TransactionId).ValidationStatus | Should -Be 'None'
    }

    It 'takes a P-job run and validates only its channels' {
        $other = New-AsyncCustomer S0002 -FirstName Sam -LastName Second
        $sale = $other | New-CommerceTransaction -Amount 4
        $run = Invoke-PJob -Channel S0002 | Invoke-CommerceTransactionValidation
        $run.ChannelIds | Should -Be @('S0002')
        (Get-CommerceTransaction -TransactionId $sale.TransactionId).ValidationStatus | Should -Be 'Successful'
        (Get-CommerceTransaction -TransactionId $day.Good1.TransactionId).ValidationStatus | Should -Be 'None'
    }
}

Describe 'A trickle-feed day against a legacy one' {
    It 'posts everything but the invalid customer''s sale in trickle feed, one invoiced sales order per customer' {
        $s = New-TrickleStore -WithDefaultCustomer
        $day = New-SalesDay $s
        Invoke-PJob | Out-Null
        $statements = Invoke-StatementPosting -WarningVariable warn -WarningAction SilentlyContinue
        $statements.Count | Should -Be 1
        $statements[0].Kind | Should -Be 'Transactional'
        $statements[0].Status | Should -Be 'Posted'
        $statements[0].TransactionCount | Should -Be 3
        $statements[0].Total | Should -Be 18
        $warn.Count | Should -Be 1
        "$warn" | Should -Match '1 sale\(s\) held by validation'
        (Get-CommerceTransaction -TransactionId $day.Bad.TransactionId).Status | Should -Be 'Uploaded'
        @(Get-CommerceTransaction -Status Posted).Count | Should -Be 3

        $orders = @(Get-CommerceSalesOrder -Origin Statement | Sort-Object Amount)
        $orders.Count | Should -Be 2 -Because 'one sales order per customer per statement: Olga, and the walk-in customer for the anonymous sale'
        $olga = (Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId).AccountNumber
        ($orders | ForEach-Object { '{0} {1} {2} {3}' -f $_.AccountNumber, $_.Amount, $_.StatementId, $_.Invoiced }) |
            Should -Be @("$($s.WalkIn) 3 $($statements[0].StatementId) True", "$olga 15 $($statements[0].StatementId) True")
        (Get-CommerceSalesOrder -TransactionId $day.Good2.TransactionId).SalesOrderId | Should -Be ($orders | Where-Object AccountNumber -eq $olga).SalesOrderId
        (Get-CommerceTransaction -TransactionId $day.Anonymous.TransactionId).AccountNumber | Should -Be $s.WalkIn
        @(Get-CommerceSalesOrder -Origin CustomerOrder).Count | Should -Be 0
    }

    It 'posts nothing of that day in legacy: the one statement fails whole, as it always did' {
        $s = New-TrickleStore -WithDefaultCustomer
        Set-CommerceStore -StatementPostingMode Legacy
        New-SalesDay $s | Out-Null
        Invoke-PJob | Out-Null
        $statement = Invoke-StatementPosting -WarningAction SilentlyContinue
        $statement.Kind | Should -Be 'Legacy'
        $statement.Status | Should -Be 'Failed'
        @(Get-CommerceTransaction -Status Posted).Count | Should -Be 0
        @(Get-CommerceSalesOrder).Count | Should -Be 0 -Because 'legacy posting makes no sales orders in this module, as before'
    }

    It 'posts the held sale in a later run once its customer is fixed, in a new statement' {
        $s = New-TrickleStore -WithDefaultCustomer
        $day = New-SalesDay $s
        Invoke-PJob | Out-Null
        $first = Invoke-StatementPosting -WarningAction SilentlyContinue
        Invoke-StatementPosting -WarningAction SilentlyContinue | Should -BeNullOrEmpty -Because 'the held sale still fails, and nothing else is due'
        Get-AsyncCustomerOperation -SyncStatus Failed -AsyncCustomerId $s.Bad.AsyncCustomerId | Set-AsyncCustomerOperation -Email 'bert@example.com' -Force
        Invoke-PJob | Out-Null
        $later = Invoke-StatementPosting -WarningVariable warn
        $warn.Count | Should -Be 0
        $later.StatementId | Should -Not -Be $first.StatementId
        $later.TransactionCount | Should -Be 1
        $later.Total | Should -Be 7
        (Get-CommerceTransaction -TransactionId $day.Bad.TransactionId).Status | Should -Be 'Posted'
        @(Get-CommerceCustomer -AsyncCustomerId $s.Bad.AsyncCustomerId).Count | Should -Be 1
    }

    It 'closes each store day once at end of day with a financial statement of its tenders' {
        $s = New-TrickleStore -WithDefaultCustomer
        New-SalesDay $s | Out-Null
        New-CommerceTransaction -Channel S0002 -Amount 4 -BusinessDate '2026-11-21' | Out-Null
        Invoke-PJob | Out-Null
        $all = Invoke-StatementPosting -EndOfDay -WarningAction SilentlyContinue
        $financial = @($all | Where-Object Kind -eq 'Financial' | Sort-Object ChannelId)
        ($financial | ForEach-Object { '{0} {1:yyyy-MM-dd} {2} {3}' -f $_.ChannelId, $_.BusinessDate, $_.TransactionCount, $_.Total }) |
            Should -Be @('S0001 2026-11-20 4 25', 'S0002 2026-11-21 1 4') -Because 'the tenders the store took, the held sale''s too'
        Invoke-StatementPosting -EndOfDay -WarningAction SilentlyContinue | Where-Object Kind -eq 'Financial' | Should -BeNullOrEmpty
        @(Get-CommerceStatement | Where-Object Kind -eq 'Financial').Count | Should -Be 2
        # S0002 has no default customer: its anonymous sale waits, and says why.
        (Get-CommerceTransaction -Channel S0002).ValidationError | Should -Match 'S0002 has none'
    }

    It 'holds an anonymous sale at a store without a default customer, and posts it once one is set' {
        $s = New-TrickleStore
        $sale = New-CommerceTransaction -Channel S0001 -Amount 3
        Invoke-PJob | Out-Null
        Invoke-StatementPosting -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CommerceTransaction -TransactionId $sale.TransactionId).ValidationError | Should -Match 'default customer'
        Set-CommerceChannel S0001 -DefaultCustomer $s.WalkIn
        (Invoke-StatementPosting).TransactionCount | Should -Be 1
        (Get-CommerceSalesOrder -TransactionId $sale.TransactionId).AccountNumber | Should -Be $s.WalkIn
    }
}

Describe 'Reports count the sales validation holds' {
    It 'shows them per channel with the top reasons, and Test-CommerceSync fails on them' {
        $s = New-TrickleStore -WithDefaultCustomer
        New-SalesDay $s | Out-Null
        Invoke-PJob | Out-Null
        Invoke-StatementPosting -WarningAction SilentlyContinue | Out-Null
        $report = Get-CommerceSyncReport
        ($report | Where-Object ChannelId -eq 'S0001').TransactionsHeldByValidation | Should -Be 1
        ($report | Where-Object ChannelId -eq 'S0002').TransactionsHeldByValidation | Should -Be 0
        ($report | Where-Object ChannelId -eq '*').HeldByReason[0].Reason | Should -Match 'email'
        Test-CommerceSync | Should -BeFalse
        $check = Test-CommerceSync -Detailed | Where-Object Check -eq 'TransactionsHeldByValidation'
        $check.Passed | Should -BeFalse
        $check.Value | Should -Be '1'
        (Test-CommerceSync -Detailed -MaxHeldTransactions 1 | Where-Object Check -eq 'TransactionsHeldByValidation').Passed | Should -BeTrue
    }
}

Describe 'Exactly once in trickle feed: whichever of the four paths reaches an async customer first' {
    BeforeDiscovery {
        $paths = 'SyncJob', 'Orders', 'Validation', 'Posting'
        $orders = foreach ($a in $paths) { foreach ($b in $paths) { foreach ($c in $paths) { foreach ($d in $paths) {
            if (@($a, $b, $c, $d | Select-Object -Unique).Count -eq 4) { , @($a, $b, $c, $d) } } } } }
        $cases = $orders | ForEach-Object { @{ Paths = $_; Name = $_ -join ' -> ' } }
    }

    It 'gives one account, reused by the other paths: <Name>' -TestCases $cases {
        $s = New-TrickleStore
        $addr = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $s.Good.AsyncCustomerId -Street '5 Dock Rd' -City Tacoma -Country USA -Purpose Delivery
        $order = $s.Good | New-CommerceTransaction -Type CustomerOrder -Amount 20 -DeliveryAddressId $addr.AddressId
        $sale = $s.Good | New-CommerceTransaction -Amount 5
        Invoke-PJob | Out-Null
        foreach ($path in $Paths) {
            switch ($path) {
                'SyncJob' { Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null }
                'Orders' { Sync-CommerceOrder -ErrorAction SilentlyContinue | Out-Null }
                'Validation' { Invoke-CommerceTransactionValidation -ErrorAction SilentlyContinue | Out-Null }
                'Posting' { Invoke-StatementPosting -WarningAction SilentlyContinue | Out-Null }
            }
        }
        $accounts = @(Get-CommerceCustomer -AsyncCustomerId $s.Good.AsyncCustomerId)
        $accounts.Count | Should -Be 1
        $accounts[0].Addresses.Count | Should -Be 1
        (Get-CommerceTransaction -TransactionId $order.TransactionId).AccountNumber | Should -Be $accounts[0].AccountNumber
        (Get-CommerceTransaction -TransactionId $sale.TransactionId).Status | Should -Be 'Posted'
        (Get-CommerceSalesOrder -TransactionId $sale.TransactionId).AccountNumber | Should -Be $accounts[0].AccountNumber
        (Get-CommerceTransaction -TransactionId $order.TransactionId).Status | Should -Be 'Synchronized'
        @(Get-CommerceSalesOrder).Count | Should -Be 2 -Because 'the customer order''s, and the statement''s for this customer'
    }
}
