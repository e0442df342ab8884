# Tab completion as a user gets it: TabExpansion2 against the store in use.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $script:db = New-TestStore
        New-CommerceChannel -ChannelId S0001 -Name Seattle -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -Name Redmond -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId W0001 -Name Web | Out-Null
        $script:c = New-AsyncCustomer -Channel S0001 -FirstName Tab -LastName Complete
        New-AsyncCustomer -Channel S0002 -FirstName Other | Invoke-PJob | Convert-AsyncCustomer | Out-Null
    }

    It 'completes channel ids from the session store' {
        Complete 'Get-AsyncCustomer -Channel S' | Should -Be @('S0001', 'S0002')
        Complete 'Invoke-PJob -Channel W' | Should -Be @('W0001')
        Complete 'New-AsyncCustomer -ChannelId S00' | Should -Be @('S0001', 'S0002')
    }

    It 'completes async customer ids and account numbers' {
        # Ids are time-ordered: two customers made in the same minute share their first digits, so a fragment from
        # anywhere in the id, or the start of the customer's name, picks one out.
        Complete "Convert-AsyncCustomer -AsyncCustomerId $($c.AsyncCustomerId.Substring(24))" | Should -Be @($c.AsyncCustomerId)
        Complete 'Convert-AsyncCustomer -AsyncCustomerId Tab' | Should -Be @($c.AsyncCustomerId)
        $both = Complete "Convert-AsyncCustomer -AsyncCustomerId $($c.AsyncCustomerId.Substring(0, 2))"
        $both | Should -HaveCount 2
        $both[0] | Should -Not -Be $c.AsyncCustomerId -Because 'the newest customer comes first'
        Complete 'Get-CommerceCustomer -AccountNumber C00' | Should -Be @('C000001')
    }

    It 'completes from the store named with -Store on the same line' {
        $other = Join-Path $TestDrive 'other.db'
        New-CommerceStore $other | Out-Null
        New-CommerceChannel -ChannelId X0001 -Store $other | Out-Null
        Complete "Get-CommerceChannel -Store '$other' -Channel X" | Should -Be @('X0001')
        Complete 'Get-CommerceChannel -Channel X' | Should -BeNullOrEmpty -Because 'the session store has no X channel'
    }

    It 'offers nothing, and no error, when the store does not exist' {
        Complete "Get-CommerceChannel -Store '$(Join-Path $TestDrive 'none.db')' -Channel S" | Should -BeNullOrEmpty
    }

    It 'completes every closed list: <Line>' -ForEach @(
        @{ Line = 'Get-CommerceJobRun -Job '; Expected = @('P-job', "'Synchronize customers and channel requests'", "'Synchronize orders'", '1010', "'Statement posting'") }
        @{ Line = 'Get-CommerceJobRun -Job Sync'; Expected = @("'Synchronize customers and channel requests'", "'Synchronize orders'") }
        @{ Line = 'Get-CommerceJobRun -Status '; Expected = @('Running', 'Completed', 'CompletedWithErrors', 'Failed', 'Interrupted') }
        @{ Line = 'Get-CommerceJobRun -Status Comp'; Expected = @('Completed', 'CompletedWithErrors') }
        @{ Line = 'Get-AsyncCustomer -Status '; Expected = @('Pending', 'Uploaded', 'Converted', 'Distributed', 'Failed', 'Offline') }
        @{ Line = 'Get-AsyncCustomerOperation -SyncStatus '; Expected = @('Pending', 'Completed', 'Failed') }
        @{ Line = 'Get-AsyncCustomerOperation -Kind '; Expected = @('Customer', 'Address', 'Attribute', 'Contact', 'Affiliation') }
        @{ Line = 'Get-CommerceTransaction -Type '; Expected = @('CashAndCarry', 'CustomerOrder') }
        @{ Line = 'New-CommerceTransaction -Type '; Expected = @('CashAndCarry', 'CustomerOrder') }
        @{ Line = 'Get-CommerceTransaction -Status '; Expected = @('Pending', 'Uploaded', 'Synchronized', 'Posted', 'Failed') }
        @{ Line = 'Get-CommerceStatement -Status '; Expected = @('Calculated', 'Posted', 'Failed') }
        @{ Line = 'New-AsyncCustomer -RelationshipType '; Expected = @('Person', 'Organization') }
        @{ Line = 'New-CommerceCustomer -RelationshipType '; Expected = @('Person', 'Organization') }
        @{ Line = 'New-AsyncCustomerAddress -Purpose '; Expected = @('Home', 'Business', 'Delivery', 'Invoice', 'Payment', 'Statement', 'Service', 'Other') }
        @{ Line = 'New-AsyncCustomerAddress -Purpose Deli'; Expected = @('Delivery') }
        @{ Line = 'Set-AsyncCustomer -Affiliation '; Expected = @('Employee', 'Student', 'Senior', 'Military', 'Wholesale', 'Loyalty') }
        @{ Line = 'Set-AsyncCustomer -RemoveAffiliation Stu'; Expected = @('Student') }
        @{ Line = 'Enable-CommerceFeature -FeatureId '; Expected = @('CustomerOrderPerformance', 'AsyncAddresses', 'EnhancedCreation', 'AsyncEditing', 'SyncStatusPage') }
        @{ Line = 'Get-CommerceFeature -FeatureId Async'; Expected = @('AsyncAddresses', 'AsyncEditing') }
        @{ Line = 'Get-CommerceFeature -Name Enable'; Expected = @("'Enable asynchronous creation for customer addresses'", "'Enable enhanced async customer creation'", "'Enable editing customers in asynchronous mode'") }
        @{ Line = 'New-CommerceCustomerAttribute -Name Tier -DataType '; Expected = @('Text', 'Integer', 'Decimal', 'Boolean') }
    ) {
        # In any order: PowerShell sorts what it completes from an enum or a ValidateSet.
        Complete $Line | Sort-Object | Should -Be ($Expected | Sort-Object)
    }

    Context 'every id the store knows' {
        BeforeAll {
            $script:acct = Get-CommerceCustomer | Select-Object -First 1
            New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -AddressId ADDR-TAB-1 -Street '1 Tab St' -City Seattle -ZipCode 98101 -Country USA | Out-Null
            $script:sale = $c | New-CommerceTransaction -Type CashAndCarry -Amount 5 -TransactionId TX-TAB-0001 -BusinessDate ([datetime]'2026-11-02')
            New-CommerceTransaction -Channel S0002 -AccountNumber $acct.AccountNumber -Type CustomerOrder -Amount 7 -TransactionId TX-OTHER-0001 | Out-Null
            Invoke-PJob | Out-Null
            Invoke-StatementPosting -Channel S0001 | Out-Null
            $script:statement = Get-CommerceStatement | Select-Object -First 1
            New-CommerceChannel -ChannelId E0001 -Name Elsewhere -DataAreaId FRRT | Out-Null
            $script:bad = New-AsyncCustomer -Channel S0002 -FirstName Bad -Email not-an-email -ErrorAction SilentlyContinue
            $bad | Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
            $script:failed = Get-AsyncCustomerOperation -SyncStatus Failed | Select-Object -First 1
            $script:lastRun = Get-CommerceJobRun -Last 1
        }

        It 'completes transaction ids, of the channel named on the line' {
            Complete 'Get-CommerceTransaction -TransactionId TX-' | Sort-Object | Should -Be @('TX-OTHER-0001', 'TX-TAB-0001')
            Complete 'Get-CommerceTransaction -Channel S0001 -TransactionId TX-' | Should -Be @('TX-TAB-0001')
        }

        It 'completes statement ids' {
            $statement | Should -Not -BeNullOrEmpty
            Complete "Get-CommerceStatement -StatementId $($statement.StatementId.Substring(0, 3))" | Should -Contain $statement.StatementId
        }

        It 'completes data area ids (legal entities)' {
            Complete 'Get-CommerceChannel -DataAreaId ' | Should -Be @('FRRT', 'USRT')
            Complete 'New-CommerceChannel -ChannelId N1 -DataAreaId F' | Should -Be @('FRRT')
        }

        It 'completes customer groups and currencies the channels use' {
            New-CommerceChannel -ChannelId G0001 -Name Groups -DefaultCustomerGroup Retail -DefaultCurrency EUR | Out-Null
            Complete 'New-AsyncCustomer -Channel S0001 -FirstName A -CustomerGroup R' | Should -Be @('Retail')
            Complete 'Set-AsyncCustomer -Channel S0001 -CustomerGroup R' | Should -Be @('Retail')
            Complete 'Set-CommerceChannel -Channel S0001 -DefaultCustomerGroup R' | Should -Be @('Retail')
            Complete 'New-CommerceCustomer -Channel S0001 -FirstName A -Currency E' | Should -Be @('EUR')
            Complete 'Set-AsyncCustomerOperation -Channel S0001 -ReplicationCounter 1 -Currency E' | Should -Be @('EUR')
            Complete 'New-CommerceChannel -ChannelId N2 -DefaultCurrency ' | Sort-Object | Should -Be @('EUR', 'USD')
        }

        It 'completes customer attribute groups and attribute names the store defines' {
            New-CommerceCustomerAttribute -Name LoyaltyTier -DataType Text -Group Retail | Out-Null
            New-CommerceCustomerAttribute -Name Children -DataType Integer -Group Marketing | Out-Null
            Complete 'Set-CommerceStore -CustomerAttributeGroup R' | Should -Be @('Retail')
            Complete 'New-CommerceCustomerAttribute -Name X -DataType Text -Group ' | Should -Be @('Marketing', 'Retail')
            Complete 'Get-CommerceCustomerAttribute -Name Loy' | Should -Be @('LoyaltyTier')
            Complete 'Get-CommerceCustomerAttribute -Group M' | Should -Be @('Marketing')
        }

        It 'completes address ids, of the customer named on the line' {
            Complete 'New-CommerceTransaction -Channel S0001 -Type CustomerOrder -DeliveryAddressId ADDR' | Should -Be @('ADDR-TAB-1')
            Complete "New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $($c.AsyncCustomerId) -AddressId A" | Should -Be @('ADDR-TAB-1')
            Complete "New-AsyncCustomerAddress -Channel S0002 -AccountNumber $($acct.AccountNumber) -AddressId ADDR" | Should -BeNullOrEmpty -Because 'that customer has no such address'
        }

        It 'completes job run ids, newest first' {
            (Complete 'Get-CommerceJobRun -RunId ')[0] | Should -Be "$($lastRun.RunId)"
            Complete "Get-CommerceJobRun $($lastRun.RunId)" | Should -Contain "$($lastRun.RunId)"
        }

        It 'Get-CommerceJobRun -Status lists only the runs that ended so' {
            $withErrors = @(Get-CommerceJobRun -Status CompletedWithErrors)
            $withErrors.RunId | Should -Be @($lastRun.RunId) -Because 'only the sync run that refused the bad customer had errors'
            Get-CommerceJobRun -Status Completed, CompletedWithErrors -Last 1 | ForEach-Object RunId | Should -Be $lastRun.RunId
            Get-CommerceJobRun -Status Running, Interrupted, Failed | Should -BeNullOrEmpty
        }

        It 'completes the replication counters of failed operations' {
            $failed | Should -Not -BeNullOrEmpty
            Complete "Set-AsyncCustomerOperation -Channel $($failed.ChannelId) -ReplicationCounter " | Should -Contain "$($failed.ReplicationCounter)"
        }

        It 'completes ids on every cmdlet that takes them' {
            Complete "Add-CommerceLoyaltyCard -Channel S0002 -AccountNumber C00" | Should -Contain $acct.AccountNumber
            Complete "Set-AsyncCustomer -Channel S0001 -AsyncCustomerId Tab" | Should -Be @($c.AsyncCustomerId)
            Complete "Get-AsyncCustomerOperation -AccountNumber C00" | Should -Contain $acct.AccountNumber
            Complete "Get-CommerceTransaction -AsyncCustomerId Tab" | Should -Be @($c.AsyncCustomerId)
            Complete "Find-CommerceCustomer -Channel S000" | Should -Be @('S0001', 'S0002')
            Complete "Get-CommerceSyncReport -Channel E" | Should -Be @('E0001')
        }
    }

    It 'completes -Store and Connect-CommerceStore -Path with stores and folders only, never SQLite''s own files' {
        $dir = Join-Path $TestDrive 'stores'
        New-Item -ItemType Directory -Path (Join-Path $dir 'archive') -Force | Out-Null
        $store = Join-Path $dir 'retail.db'
        New-CommerceStore $store | Out-Null
        foreach ($side in '-wal', '-shm', '-journal') { Set-Content -LiteralPath "$store$side" -Value 'x' }
        Set-Content -LiteralPath (Join-Path $dir 'readme.txt') -Value 'not a store'
        Push-Location $dir
        try {
            $offered = Complete 'Get-CommerceChannel -Store ' | ForEach-Object { Split-Path ($_.Trim("'")) -Leaf }
            $offered | Sort-Object | Should -Be @('archive', 'retail.db')
            Complete 'Get-CommerceChannel -Store ./r' | ForEach-Object { Split-Path ($_.Trim("'")) -Leaf } | Should -Be @('retail.db')
            Complete 'Connect-CommerceStore ./r' | ForEach-Object { Split-Path ($_.Trim("'")) -Leaf } | Should -Be @('retail.db')
        }
        finally { Pop-Location }
    }
}
