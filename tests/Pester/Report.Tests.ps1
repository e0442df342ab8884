BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-ReportStore {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
    }
}

Describe 'Get-CommerceSyncReport: what is stuck, and why' {
    BeforeEach { New-ReportStore }

    It 'counts every stage per channel and in total, with failures by reason and what blocks end of day' {
        1..3 | ForEach-Object { New-AsyncCustomer S0001 -FirstName "Ok$_" } | Out-Null
        $bad1 = New-AsyncCustomer S0001 -FirstName Bad1 -Email 'nope'
        New-AsyncCustomer S0002 -FirstName Bad2 -Email 'nope2' | Out-Null
        New-AsyncCustomer S0002 -FirstName Bad3 -Currency 'EURO' | Out-Null
        $bad1 | New-CommerceTransaction -Amount 5 | Out-Null
        $bad1 | New-CommerceTransaction -Type CustomerOrder -Amount 9 | Out-Null
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        Sync-CommerceOrder -ErrorAction SilentlyContinue | Out-Null
        New-AsyncCustomer S0002 -FirstName Late | Out-Null
        $r = Get-CommerceSyncReport
        $r | Should -BeOfType CommerceSync.SyncReport
        $r.ChannelId | Should -Be @('S0001', 'S0002', '*')
        $s1 = $r | Where-Object ChannelId -eq 'S0001'
        $s1.ConvertedNotDistributed | Should -Be 3
        $s1.Failed | Should -Be 1
        $s1.TransactionsBlockingPosting | Should -Be 1
        $s1.OrdersFailedForCustomer | Should -Be 1
        $s2 = $r | Where-Object ChannelId -eq 'S0002'
        $s2.PendingUpload | Should -Be 1
        $s2.Failed | Should -Be 2
        $s2.Pending | Should -Be 1 -Because 'Pending is every customer still on its way: not uploaded, not converted or not distributed'
        $s1.Pending | Should -Be 3
        $total = $r | Where-Object ChannelId -eq '*'
        $total.Failed | Should -Be 3
        ($total.FailuresByReason | ForEach-Object { "$($_.Count)|$($_.Reason)" }) | Should -Be @('2|The email address is not valid.', '1|The currency must be a three-letter ISO code.')
        $total.OldestWaiting | Should -BeOfType timespan
        Invoke-Job1010 | Out-Null
        (Get-CommerceSyncReport S0001).ConvertedNotDistributed | Should -Be @(0, 0)
    }

    It 'reconstructs a past moment from the job history with -AsOf' {
        1..2 | ForEach-Object { New-AsyncCustomer S0001 -FirstName "C$_" } | Out-Null
        Start-Sleep -Milliseconds 50
        $beforeJobs = [datetime]::UtcNow
        Start-Sleep -Milliseconds 50
        Invoke-PJob | Out-Null
        Start-Sleep -Milliseconds 50
        $afterUpload = [datetime]::UtcNow
        Start-Sleep -Milliseconds 50
        Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        ((Get-CommerceSyncReport -AsOf $beforeJobs) | Where-Object ChannelId -eq '*').PendingUpload | Should -Be 2
        ((Get-CommerceSyncReport -AsOf $afterUpload) | Where-Object ChannelId -eq '*').UploadedNotConverted | Should -Be 2
        $now = (Get-CommerceSyncReport) | Where-Object ChannelId -eq '*'
        $now.PendingUpload + $now.UploadedNotConverted + $now.ConvertedNotDistributed | Should -Be 0
        ((Get-CommerceSyncReport -AsOf $beforeJobs.AddYears(-1)) | Where-Object ChannelId -eq '*').PendingUpload | Should -Be 0 -Because 'nothing existed then'
    }
}

Describe 'Get-CommerceSyncReport -AsOf: a past moment as it was, though it changed since' {
    BeforeAll {
        function Step { Start-Sleep -Milliseconds 30; $t = [datetime]::UtcNow; Start-Sleep -Milliseconds 30; $t }
        function Total($At) { Get-CommerceSyncReport -AsOf $At | Where-Object ChannelId -eq 'S0001' }
    }
    BeforeEach { New-ReportStore }

    It 'shows a failure for the time it lasted, what it blocked then, and a store that received a customer once as distributed from then on' {
        $c = New-AsyncCustomer S0001 -FirstName Fix -Email nope
        $c | New-CommerceTransaction -Amount 5 | Out-Null
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $whileFailed = Step
        Get-AsyncCustomerOperation -SyncStatus Failed | Set-AsyncCustomerOperation -Email fixed@example.com | Out-Null
        $afterFix = Step
        Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $distributed = Step
        # An edit later sends the customer to the store again; the store had it since $distributed all the same.
        Set-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -Phone '+1 206 555 0100' | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        Invoke-StatementPosting | Out-Null

        $then = Total $whileFailed
        $then.Failed | Should -Be 1
        $then.FailuresByReason.Reason | Should -Be 'The email address is not valid.'
        $then.TransactionsBlockingPosting | Should -Be 1
        $fixed = Total $afterFix
        $fixed.Failed | Should -Be 0 -Because 'a corrected operation waits for the next sync, it has not failed'
        $fixed.UploadedNotConverted | Should -Be 1
        $fixed.TransactionsBlockingPosting | Should -Be 0
        $sent = Total $distributed
        $sent.ConvertedNotDistributed + $sent.UploadedNotConverted + $sent.Failed | Should -Be 0
        $now = Total ([datetime]::UtcNow)
        $now.Failed + $now.TransactionsBlockingPosting + $now.ConvertedNotDistributed | Should -Be 0
    }

    It 'lists every channel in scope, also one with nothing waiting' {
        (Get-CommerceSyncReport).ChannelId | Should -Be @('S0001', 'S0002', '*')
        (Get-CommerceSyncReport -Channel S0002).ChannelId | Should -Be @('S0002', '*')
    }
}

Describe 'Test-CommerceSync for runbooks' {
    BeforeEach { New-ReportStore }

    It 'is $true when everything converted, $false with the failing checks otherwise' {
        New-AsyncCustomer S0001 -FirstName Ok | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        Test-CommerceSync | Should -BeTrue
        New-AsyncCustomer S0001 -FirstName Bad -Email nope | Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        Test-CommerceSync | Should -BeFalse
        $failing = Test-CommerceSync -Detailed | Where-Object { -not $_.Passed }
        $failing.Check | Should -Be 'FailedCustomers'
        $failing.Value | Should -Be '1'
        Test-CommerceSync -MaxFailed 1 | Should -BeTrue
    }

    It 'fails when a customer has waited longer than the threshold' {
        New-AsyncCustomer S0001 -FirstName Waiting | Out-Null
        Start-Sleep -Milliseconds 200
        Test-CommerceSync -MaxAgeHours 0.00001 | Should -BeFalse
        (Test-CommerceSync -MaxAgeHours 0.00001 -Detailed | Where-Object Check -eq 'OldestWaiting').Passed | Should -BeFalse
        Test-CommerceSync | Should -BeTrue
    }
}

Describe 'Find-CommerceDuplicateCustomer' {
    BeforeEach { New-ReportStore }

    It 'pairs customers that look like the same person across channels, with a score and the reason' {
        New-AsyncCustomer S0001 -FirstName Zoë -LastName "O'Neil" -Email 'zoe@example.com' -Street '1 Main' -ZipCode '98101' -Country USA | Invoke-PJob | Convert-AsyncCustomer | Out-Null
        New-AsyncCustomer S0002 -FirstName zoe -LastName oneil -Email ' ZOE@example.com ' -Street '1 Main St' -ZipCode '98-101' -Country USA | Out-Null
        New-AsyncCustomer S0002 -FirstName Other -Phone '+1 (206) 555-0100' | Out-Null
        New-AsyncCustomer S0001 -FirstName Another -Phone '206.555.0100' | Out-Null
        New-AsyncCustomer S0001 -FirstName Unrelated -Email 'someone@example.com' | Out-Null
        $d = Find-CommerceDuplicateCustomer
        $d.Count | Should -Be 2
        $d[0] | Should -BeOfType CommerceSync.DuplicateCandidate
        $d[0].Score | Should -Be 1
        $d[0].Reason | Should -Be 'same email, same name and postal code'
        @($d[0].FirstKind, $d[0].SecondKind) | Sort-Object | Should -Be @('Async', 'Customer')
        $d[1].Reason | Should -Be 'same phone'
        $d[1].Score | Should -Be 0.3
        @(Find-CommerceDuplicateCustomer -MinimumScore 0.5).Count | Should -Be 1
    }

    It 'compares customers as the store last edited them' {
        New-AsyncCustomer S0001 -FirstName Ann -Email 'ann@example.com' | Out-Null
        $b = New-AsyncCustomer S0002 -FirstName Bea -Email 'bea@example.com'
        Find-CommerceDuplicateCustomer | Should -BeNullOrEmpty
        Set-AsyncCustomer -Channel S0002 -AsyncCustomerId $b.AsyncCustomerId -Email 'ANN@example.com' | Out-Null
        $d = Find-CommerceDuplicateCustomer
        $d.Reason | Should -Be 'same email'
    }

    It 'skips keys so common that they mean nothing' {
        1..60 | ForEach-Object { [pscustomobject]@{ FirstName = "P$_"; Phone = '000 000 0000' } } | New-AsyncCustomer -Channel S0001 | Out-Null
        Find-CommerceDuplicateCustomer | Should -BeNullOrEmpty
    }
}

Describe 'Export-CommerceData and Import-CommerceData' {
    It 'round-trips a store without losing anything: ids, counters, links, history' {
        $source = New-TestStore
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        $c = New-AsyncCustomer S0001 -FirstName Ex -LastName Port -Email ex@example.com -Street '1 Main' -Country USA -Attribute @{ Tier = 1 }
        Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -AddEmail 'ex@work.example' -Affiliation Employee
        $c | New-CommerceTransaction -Type CustomerOrder -Amount 12.5 | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        Sync-CommerceOrder | Out-Null
        # Something in every table: a failure HQ recorded, a posted statement, a loyalty card, a register that went offline.
        New-AsyncCustomer S0001 -FirstName Bad -Email nope | Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        New-CommerceTransaction -Channel S0001 -Line @{ ItemId = 'A1'; Quantity = 1; Price = 3 } | Invoke-PJob | Out-Null
        Set-CommerceChannel -ChannelId S0001 -DefaultCustomer C000001 | Out-Null
        Invoke-StatementPosting -EndOfDay | Out-Null
        Add-CommerceLoyaltyCard -Channel S0001 -AccountNumber C000001 | Out-Null
        New-CommerceCustomerAttribute -Name Tier -DataType Integer -Minimum 0 -Group Retail | Out-Null
        New-AsyncCustomer S0001 -FirstName Still -LastName Pending | Out-Null
        # The registers go offline: a customer made now waits in the offline database.
        Set-CommerceChannel -ChannelId S0001 -Offline | Out-Null
        New-CommerceCustomer -Channel S0001 -FirstName Off -LastName Line -Street '2 Main' -Country USA -Attribute @{ Tier = 2 } | Out-Null
        $file = Join-Path $TestDrive 'export.jsonl'
        $exported = Export-CommerceData $file
        $exported.Rows | Should -BeGreaterThan 20
        @($exported.RowsByTable.GetEnumerator() | Where-Object Value -eq 0 | ForEach-Object Key) | Should -BeNullOrEmpty -Because 'the round trip must cover every table'

        $target = Join-Path $TestDrive 'target.db'
        New-CommerceStore $target | Out-Null
        $imported = Import-CommerceData $file -Store $target
        $imported.Rows | Should -Be $exported.Rows
        $again = Join-Path $TestDrive 'again.jsonl'
        Export-CommerceData $again -Store $target | Out-Null
        (Get-FileHash $again).Hash | Should -Be (Get-FileHash $file).Hash
        (Get-AsyncCustomer -Store $target | ForEach-Object { "$($_.AsyncCustomerId)|$($_.Status)|$($_.AccountNumber)" }) |
            Should -Be (Get-AsyncCustomer -Store $source | ForEach-Object { "$($_.AsyncCustomerId)|$($_.Status)|$($_.AccountNumber)" })
        Test-CommerceStore -Store $target | Should -BeTrue
        # The imported store goes on where the source stopped: the pending customer converts with the next number.
        Invoke-PJob -Store $target | Out-Null; Convert-AsyncCustomer -Store $target | Out-Null
        (Get-CommerceCustomer -Store $target | Sort-Object AccountNumber | Select-Object -Last 1).AccountNumber | Should -Be 'C000002'
    }

    It 'exports every table of the schema' {
        $location = New-TestStore
        $asm = [CommerceSync.ModuleLoader].Assembly
        # Every table must be in the export order: a new table without it would be lost in a move.
        $types = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CommerceSync.Core' }
        $order = $types.GetType('CommerceSync.Data.TransferStore')::TableOrder
        $db = $types.GetType('CommerceSync.Data.StoreDatabase')::OpenAt($location, $false)
        try { $types.GetType('CommerceSync.Data.TransferStore')::new($db).TablesNotExported() | Should -BeNullOrEmpty }
        finally { $db.Dispose() }
        $order.Count | Should -BeGreaterThan 30
    }

    It 'refuses a non-empty target, a foreign file and a broken line, and changes nothing' {
        $source = New-TestStore
        New-CommerceChannel -ChannelId S0001 | Out-Null
        $file = Join-Path $TestDrive 'x.jsonl'
        Export-CommerceData $file | Out-Null
        { Import-CommerceData $file -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotEmpty,CommerceSync.ImportCommerceData'
        $target = Join-Path $TestDrive 't.db'; New-CommerceStore $target | Out-Null
        $foreign = Join-Path $TestDrive 'foreign.jsonl'; Set-Content $foreign '{"hello":"world"}'
        { Import-CommerceData $foreign -Store $target -ErrorAction Stop } | Should -Throw -ErrorId 'ImportFormatInvalid,CommerceSync.ImportCommerceData'
        $broken = Join-Path $TestDrive 'broken.jsonl'
        (Get-Content $file) + '{"t":"channel","r":{' | Set-Content $broken
        { Import-CommerceData $broken -Store $target -ErrorAction Stop } | Should -Throw -ErrorId 'ImportFormatInvalid,CommerceSync.ImportCommerceData'
        Get-CommerceChannel -Store $target | Should -BeNullOrEmpty -Because 'an import is all or nothing'
        { Export-CommerceData $file -ErrorAction Stop } | Should -Throw -ErrorId 'StoreExists,CommerceSync.ExportCommerceData'
    }
}

Describe 'Operations HQ refused besides creates: an address, an edit' {
    # A customer can convert while its address is refused: the report, the health checks and a runbook's last line must
    # say so, or the customer silently lacks its address at HQ.
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        # The POS takes an address with a city and no country; HQ refuses it (CustomerRules: no country/region).
        $script:Cust = New-AsyncCustomer -Channel S0001 -FirstName Nia -LastName Nocountry -City Seattle
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 | Out-Null
    }

    It 'counts the refused address and names its reason, while the customer itself converted' {
        (Get-CommerceCustomer -AsyncCustomerId $Cust.AsyncCustomerId).AccountNumber | Should -Not -BeNullOrEmpty
        $total = Get-CommerceSyncReport | Where-Object ChannelId -eq '*'
        $total.Failed | Should -Be 0
        $total.FailedOperations | Should -Be 1
        $total.FailuresByReason.Reason | Should -Contain 'Address: The address has no country/region.'
        (Get-CommerceSyncReport -Channel S0001 | Where-Object ChannelId -eq 'S0001').FailedOperations | Should -Be 1
        (Get-CommerceSyncReport | Out-String -Width 120) | Should -Match 'Address: The address has no country/region'
    }

    It 'fails Test-CommerceSync and Assert-CommerceSync until it is fixed, unless -MaxFailedOperations allows it' {
        Test-CommerceSync | Should -BeFalse
        $check = Test-CommerceSync -Detailed | Where-Object Check -eq 'FailedOperations'
        $check.Passed | Should -BeFalse
        $check.Detail | Should -Match 'Address: The address has no country/region'
        { Assert-CommerceSync -ErrorAction Stop } | Should -Throw -ErrorId 'CommerceSyncUnhealthy,*'
        Test-CommerceSync -MaxFailedOperations 1 | Should -BeTrue

        Get-AsyncCustomerOperation -SyncStatus Failed -Kind Address | Set-AsyncCustomerOperation -Country USA | Out-Null
        Convert-AsyncCustomer | Out-Null
        (Get-CommerceSyncReport | Where-Object ChannelId -eq '*').FailedOperations | Should -Be 0
        Test-CommerceSync | Should -BeTrue
    }

    It 'names the refused address in the error of the run that refused it, which a runbook logs' {
        New-AsyncCustomer -Channel S0001 -FirstName Noa -LastName Nocountry -City Portland | Out-Null
        $run = Invoke-PJob | Convert-AsyncCustomer -ErrorVariable failures -ErrorAction SilentlyContinue
        $run.Failed | Should -Be 1
        $e = @($failures | Where-Object FullyQualifiedErrorId -like 'RecordsFailed,*')
        $e.Count | Should -Be 1
        $e[0].Exception.Message | Should -Match '1 x Address: The address has no country/region'
    }

    It 'counts a refused edit of a synced customer too' {
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        $ok = New-AsyncCustomer -Channel S0002 -FirstName Ed -LastName Edit -Street '1 Main St' -City Boise -Country USA
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $account = (Get-CommerceCustomer -AsyncCustomerId $ok.AsyncCustomerId).AccountNumber
        Set-AsyncCustomer -Channel S0002 -AccountNumber $account -Email 'not-an-email' | Out-Null
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $s2 = Get-CommerceSyncReport -Channel S0002 | Where-Object ChannelId -eq 'S0002'
        $s2.FailedOperations | Should -Be 1
        $s2.FailuresByReason.Reason | Should -Match '^Customer edit: '
    }
}
