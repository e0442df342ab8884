BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-LifecycleStore {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId R0001 -Name 'Real-time store' | Out-Null
        New-CommerceChannel -ChannelId F0001 -DataAreaId FRRT -DefaultCurrency EUR -AsyncCustomerMode | Out-Null
    }

    function Invoke-Chain { Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 | Out-Null }
}

Describe 'An admin corrects a customer the store keeps editing' {
    BeforeEach { New-LifecycleStore }

    It 'edits before the upload are folded into the new account: the latest state wins' {
        $c = New-AsyncCustomer S0001 -FirstName Jon -LastName Doe -Email 'jon@old.example'
        Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -FirstName John -Email 'john@new.example' -Attribute @{ Tier = 2 }
        Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -Phone '+1 555 0199' -Attribute @{ Tier = 3 }
        (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Name | Should -Be 'John Doe' -Because 'the store shows its own edits at once'
        Invoke-Chain
        $hq = Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId
        $hq.Name | Should -Be 'John Doe'
        $hq.Email | Should -Be 'john@new.example'
        $hq.Phone | Should -Be '+1 555 0199'
        $hq.Attributes.Value | Should -Be '3'
        @(Get-AsyncCustomerOperation -AsyncCustomerId $c.AsyncCustomerId -Kind Customer).SyncStatus | Sort-Object -Unique | Should -Be 'Completed'
    }

    It 'an edit uploaded after conversion updates the existing account, and 1010 carries it to the stores' {
        $c = New-AsyncCustomer S0001 -FirstName Ann -LastName Lee -Email ann@example.com
        Invoke-Chain
        $account = (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).AccountNumber
        Set-AsyncCustomer S0002 -AccountNumber $account -Email 'ann.lee@example.com' -AddEmail 'ann@work.example' -AddPhone '+1 555 0100' -Affiliation Employee
        Invoke-Chain
        @(Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Count | Should -Be 1
        $hq = Get-CommerceCustomer $account
        $hq.Email | Should -Be 'ann.lee@example.com'
        ($hq.Contacts | ForEach-Object { "$($_.Type):$($_.Locator)" }) | Sort-Object | Should -Be @('Email:ann@work.example', 'Phone:+1 555 0100')
        $hq.Affiliations | Should -Be 'Employee'
        (Get-CommerceCustomer -Channel S0002 -AccountNumber $account).Email | Should -Be 'ann.lee@example.com'
        Set-AsyncCustomer S0002 -AccountNumber $account -RemoveAffiliation Employee
        Invoke-Chain
        (Get-CommerceCustomer $account).Affiliations | Should -BeNullOrEmpty
    }

    It 'deactivation appends operation 3 and blocks the account everywhere' {
        $c = New-AsyncCustomer S0001 -FirstName Del -LastName Gone
        Invoke-Chain
        $account = (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).AccountNumber
        $op = Disable-AsyncCustomer S0001 -AccountNumber $account -PassThru
        $op.Operation | Should -Be 'Deactivate'
        [int]$op.Operation | Should -Be 3
        Invoke-Chain
        (Get-CommerceCustomer $account).Blocked | Should -BeTrue
        (Get-CommerceCustomer -Channel S0002 -AccountNumber $account).Blocked | Should -BeTrue
    }

    It 'refuses edits of customers the store cannot see, and empty edits' {
        $c = New-AsyncCustomer S0001 -FirstName Only -LastName Here
        { Set-AsyncCustomer S0002 -AsyncCustomerId $c.AsyncCustomerId -Email x@example.com -ErrorAction Stop } | Should -Throw -ErrorId 'AsyncCustomerNotFound,CommerceSync.SetAsyncCustomer'
        { Set-AsyncCustomer S0001 -AccountNumber C999999 -Email x@example.com -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerNotFound,CommerceSync.SetAsyncCustomer'
        { Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.SetAsyncCustomer'
        { Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -Attribute @{ When = [datetime]::Now } -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeTypeNotSupported,CommerceSync.SetAsyncCustomer'
        Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -Email x@example.com -WhatIf
        @(Get-AsyncCustomerOperation -AsyncCustomerId $c.AsyncCustomerId).Count | Should -Be 1
    }
}

Describe 'The Customer synchronization status page: find a failed operation, fix it, sync just it' {
    BeforeEach { New-LifecycleStore }

    It 'lists operations with channel, ids, operation, timestamp, status and last known error' {
        New-AsyncCustomer S0001 -FirstName Good | Out-Null
        $bad = New-AsyncCustomer S0001 -FirstName Bad -Email 'bad-email'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $failed = Get-AsyncCustomerOperation -SyncStatus Failed
        $failed.Count | Should -Be 1
        $failed | Should -BeOfType CommerceSync.AsyncCustomerOperation
        $failed.AsyncCustomerId | Should -Be $bad.AsyncCustomerId
        $failed.ChannelId | Should -Be 'S0001'
        $failed.Kind | Should -Be 'Customer'
        $failed.Operation | Should -Be 'Create'
        $failed.Error | Should -Match 'email'
        $failed.Timestamp | Should -BeOfType datetime
        (Get-AsyncCustomerOperation -SyncStatus Completed).Count | Should -Be 1
    }

    It 'fixes the failed row at HQ with Set-AsyncCustomerOperation and synchronizes just it' {
        $bad = New-AsyncCustomer S0001 -FirstName Bad -Email 'bad-email'
        $other = New-AsyncCustomer S0002 -FirstName Waiting
        Invoke-PJob -Channel S0001 | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        Invoke-PJob -Channel S0002 | Out-Null
        Get-AsyncCustomerOperation -SyncStatus Failed | Set-AsyncCustomerOperation -Email 'fixed@example.com' -PassThru |
            ForEach-Object SyncStatus | Should -Be 'Pending'
        $customer = Convert-AsyncCustomer -AsyncCustomerId $bad.AsyncCustomerId
        $customer.Email | Should -Be 'fixed@example.com'
        (Get-AsyncCustomer -AsyncCustomerId $other.AsyncCustomerId).Status | Should -Be 'Uploaded' -Because 'only the fixed customer was synchronized'
    }

    It 'a corrected Set-AsyncCustomer at the store also repairs a failed create on retry' {
        $bad = New-AsyncCustomer S0001 -FirstName Bad -Email 'bad-email'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        Set-AsyncCustomer S0001 -AsyncCustomerId $bad.AsyncCustomerId -Email 'good@example.com'
        Invoke-PJob | Out-Null
        (Convert-AsyncCustomer -AsyncCustomerId $bad.AsyncCustomerId).Email | Should -Be 'good@example.com'
        (Get-AsyncCustomer -AsyncCustomerId $bad.AsyncCustomerId).Status | Should -Be 'Converted'
    }

    It 'reports an operation that does not exist or is done' {
        { Set-AsyncCustomerOperation -Channel S0001 -ReplicationCounter 999 -Email a@b.c -ErrorAction Stop } | Should -Throw -ErrorId 'OperationNotFound,CommerceSync.SetAsyncCustomerOperation'
    }
}

Describe 'Sync-mode channels create customers in real time, and fall back to async' {
    BeforeEach { New-LifecycleStore }

    It 'a sync-mode channel gets the account number at once, and HQ search finds it' {
        $c = New-CommerceCustomer R0001 -FirstName Rita -LastName Realtime -Email rita@example.com -Street '1 Main' -City Austin -Country USA
        $c | Should -BeOfType CommerceSync.Customer
        $c.AccountNumber | Should -Match '^C\d{6}$'
        $c.AsyncCustomerId | Should -BeNullOrEmpty
        $c.Addresses.City | Should -Be 'Austin'
        (Get-CommerceCustomer -Channel R0001 -AccountNumber $c.AccountNumber).SyncStatus | Should -Be 'Synced'
        (Find-CommerceCustomer -AllStores 'Realtime').AccountNumber | Should -Be $c.AccountNumber -Because 'every store can find it at HQ in real time'
    }

    It 'an async-mode channel creates an async customer' {
        (New-CommerceCustomer S0002 -FirstName Async) | Should -BeOfType CommerceSync.AsyncCustomer
    }

    It 'falls back to async when HQ cannot be reached' {
        Set-CommerceStore -HeadquartersAvailable:$false
        (Get-CommerceStore).HeadquartersAvailable | Should -BeFalse
        $c = New-CommerceCustomer R0001 -FirstName Fallback -WarningVariable warn -WarningAction SilentlyContinue
        $c | Should -BeOfType CommerceSync.AsyncCustomer
        $c.Status | Should -Be 'Pending'
        $warn.Count | Should -Be 1
        Set-CommerceStore -HeadquartersAvailable
        Invoke-Chain
        (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Status | Should -Be 'Distributed'
    }

    It 'HQ refuses an invalid real-time customer and nothing is created' {
        { New-CommerceCustomer R0001 -FirstName X -Email 'not-valid' -ErrorAction Stop } | Should -Throw -ErrorId 'ValidationFailed,CommerceSync.NewCommerceCustomer'
        Get-CommerceCustomer | Should -BeNullOrEmpty
        Get-AsyncCustomer | Should -BeNullOrEmpty
    }
}

Describe 'Offline databases' {
    BeforeEach { New-LifecycleStore }

    It 'a customer created while offline waits in the offline database, then reaches the channel database and converts' {
        Set-CommerceChannel S0001 -Offline
        $c = New-CommerceCustomer S0001 -FirstName Otto -LastName Offline -Street '9 Side St' -Country USA -Attribute @{ Vip = $true }
        $c.Status | Should -Be 'Offline'
        (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Addresses.Street | Should -Be '9 Side St'
        (Invoke-PJob).Processed | Should -Be 0 -Because 'the P-job cannot see the offline database'
        Set-CommerceChannel S0001 -Offline:$false
        (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Status | Should -Be 'Pending'
        Invoke-Chain
        $hq = Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId
        $hq.Addresses.Street | Should -Be '9 Side St'
        $hq.Attributes.Name | Should -Be 'Vip'
        (Get-CommerceCustomer -Channel S0001 -Offline -AccountNumber $hq.AccountNumber).AccountNumber | Should -Be $hq.AccountNumber
    }

    It 'refuses offline creation when the channel filters shared customer data' {
        New-CommerceChannel -ChannelId S0009 -AsyncCustomerMode -FilterSharedCustomerData | Out-Null
        Set-CommerceChannel S0009 -Offline
        { New-CommerceCustomer S0009 -FirstName No -ErrorAction Stop } | Should -Throw -ErrorId 'OfflineCreationNotAllowed,CommerceSync.NewCommerceCustomer'
        { New-AsyncCustomer S0009 -FirstName No -ErrorAction Stop } | Should -Throw -ErrorId 'OfflineCreationNotAllowed,CommerceSync.NewAsyncCustomer'
        Get-AsyncCustomer -Channel S0009 | Should -BeNullOrEmpty
    }
}

Describe 'What a store sees (Find-CommerceCustomer) at every step' {
    BeforeEach { New-LifecycleStore }

    It 'the originating store finds its async customer as Pending sync; other stores and HQ do not until the jobs ran' {
        $c = New-AsyncCustomer S0001 -FirstName Vera -LastName Visible -Email vera@example.com -Phone '+1 555 0142'
        (Find-CommerceCustomer -Channel S0001 -Search 'vera@').DisplayAccount | Should -Be 'Pending sync'
        (Find-CommerceCustomer -Channel S0001 -Search '0142').AsyncCustomerId | Should -Be $c.AsyncCustomerId
        Find-CommerceCustomer -Channel S0002 -Search 'Visible' | Should -BeNullOrEmpty
        Find-CommerceCustomer -AllStores 'Visible' | Should -BeNullOrEmpty -Because 'HQ has not received it'
        Invoke-PJob | Out-Null
        Find-CommerceCustomer -AllStores 'Visible' | Should -BeNullOrEmpty -Because 'uploaded is not yet a customer'
        Convert-AsyncCustomer | Out-Null
        $account = (Find-CommerceCustomer -AllStores 'Visible').AccountNumber
        $account | Should -Match '^C\d{6}$'
        (Find-CommerceCustomer -Channel S0001 -Search 'Visible').SyncStatus | Should -Be 'Pending sync' -Because 'the store still waits for 1010'
        Find-CommerceCustomer -Channel S0002 -Search 'Visible' | Should -BeNullOrEmpty
        Invoke-Job1010 | Out-Null
        (Find-CommerceCustomer -Channel S0001 -Search 'Visible').AccountNumber | Should -Be $account
        (Find-CommerceCustomer -Channel S0002 -Search $account).AccountNumber | Should -Be $account
        Find-CommerceCustomer -Channel F0001 -Search 'Visible' | Should -BeNullOrEmpty -Because 'another legal entity'
    }

    It 'a search across all stores needs at least 4 characters' {
        Find-CommerceCustomer -AllStores 'abc' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'SearchTooShort,CommerceSync.FindCommerceCustomer'
    }

    It 'treats search text literally' {
        New-AsyncCustomer S0001 -FirstName 'Percent%Sign' | Out-Null
        New-AsyncCustomer S0001 -FirstName 'Plain' | Out-Null
        @(Find-CommerceCustomer -Channel S0001 -Search '%').Count | Should -Be 1
        @(Find-CommerceCustomer -Channel S0001 -Search '_').Count | Should -Be 0
    }
}

Describe 'Loyalty cards' {
    BeforeEach { New-LifecycleStore }

    It 'refuses a card while the account is still the async GUID, and issues it after conversion' {
        $c = New-AsyncCustomer S0001 -FirstName Lou -LastName Loyal
        { Add-CommerceLoyaltyCard S0001 -AsyncCustomerId $c.AsyncCustomerId -ErrorAction Stop } | Should -Throw -ErrorId 'LoyaltyCardNeedsAccount,CommerceSync.AddCommerceLoyaltyCard'
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        { Add-CommerceLoyaltyCard S0001 -AsyncCustomerId $c.AsyncCustomerId -ErrorAction Stop } | Should -Throw -ErrorId 'LoyaltyCardNeedsAccount,CommerceSync.AddCommerceLoyaltyCard' -Because 'the store has not received the account yet'
        Invoke-Job1010 | Out-Null
        $card = Add-CommerceLoyaltyCard S0001 -AsyncCustomerId $c.AsyncCustomerId
        $card | Should -BeOfType CommerceSync.LoyaltyCard
        $card.AccountNumber | Should -Be (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).AccountNumber
        $card.CardNumber | Should -Match '^LC\d{10}$'
        (Get-CommerceCustomer -Channel S0002 -AccountNumber $card.AccountNumber | Add-CommerceLoyaltyCard).CardNumber | Should -Not -Be $card.CardNumber
    }
}

Describe 'Legal entities' {
    BeforeEach { New-LifecycleStore }

    It 'keeps number sequences and customers per legal entity' {
        New-AsyncCustomer S0001 -FirstName Us | Out-Null
        New-AsyncCustomer F0001 -FirstName Fr | Out-Null
        Invoke-Chain
        (Get-CommerceCustomer | Sort-Object DataAreaId | ForEach-Object { "$($_.DataAreaId):$($_.AccountNumber):$($_.Currency)" }) |
            Should -Be @('FRRT:C000001:EUR', 'USRT:C000001:USD')
        Get-CommerceCustomer -Channel S0002 | Where-Object DataAreaId -eq 'FRRT' | Should -BeNullOrEmpty
    }
}
