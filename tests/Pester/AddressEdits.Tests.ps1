# Editing and deactivating a customer's addresses at a POS in async mode, and what HQ makes of it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function Get-AddressOperations([string] $AddressId) {
        @(Get-AsyncCustomerOperation -Kind Address | Where-Object AddressId -eq $AddressId)
    }
}

# async-customer-mode.md: "To edit addresses asynchronously in addition to creating them asynchronously, you must enable the
# Editing customers in asynchronous mode feature." The address tables are append-only operation logs keyed by AddressId:
# "the latest row per customer (per address: per AddressId) is its current state" (RetailAsyncAddressV2, operation 3 =
# deactivate).
Describe 'Editing and deactivating addresses (async-customer-mode.md, "Ability to create address asynchronously")' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -DataAreaId USRT -Country USA -AsyncCustomerMode | Out-Null
        $script:ann = New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee -Street '1 Main St' -City Seattle -ZipCode 98101
        $script:homeAddress = $ann.Addresses[0]
    }

    It "edits an async customer's address before it syncs: the POS shows the edit, HQ creates the customer with it" {
        $edit = Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -City Redmond -PassThru
        $edit.Operation | Should -Be Update
        $edit.Street | Should -Be '1 Main St' -Because 'what the edit does not give stays as it was'
        $pos = (Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses
        $pos.Count | Should -Be 1 -Because 'an edit changes the address, it does not add one'
        $pos[0].City | Should -Be Redmond
        $pos[0].ZipCode | Should -Be 98101

        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $hq = Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId
        @($hq.Addresses).Count | Should -Be 1
        $hq.Addresses[0].AddressId | Should -Be $homeAddress.AddressId
        $hq.Addresses[0].City | Should -Be Redmond
        (Get-AddressOperations $homeAddress.AddressId).Operation | Should -Be @('Create', 'Update')
        (Get-AddressOperations $homeAddress.AddressId).SyncStatus | Sort-Object -Unique | Should -Be Completed
    }

    It "edits and deactivates a synced customer's address by account number, each applied at HQ by the next sync" {
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $account = (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).AccountNumber
        $work = New-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -Street '9 Dock Rd' -City Tacoma -Purpose Business
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer -AccountNumber $account).Addresses.AddressId | Should -Contain $work.AddressId

        Set-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -AddressId $work.AddressId -Street '11 Dock Rd'
        (Get-CommerceCustomer -AccountNumber $account).Addresses.Street | Should -Contain '9 Dock Rd' -Because 'HQ has the edit only after the P-job and the sync job'
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        ((Get-CommerceCustomer -AccountNumber $account).Addresses | Where-Object AddressId -eq $work.AddressId).Street | Should -Be '11 Dock Rd'

        $gone = Disable-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -AddressId $work.AddressId -PassThru
        $gone.Operation | Should -Be Deactivate
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $left = (Get-CommerceCustomer -AccountNumber $account).Addresses
        $left.AddressId | Should -Not -Contain $work.AddressId
        $left.AddressId | Should -Contain $homeAddress.AddressId -Because 'only the deactivated address goes'
        (Get-AddressOperations $work.AddressId).Operation | Should -Be @('Create', 'Update', 'Deactivate')
    }

    It 'applies several operations on one address in counter order within one sync: the latest wins' {
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -City Redmond
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -City Bellevue
        $extra = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -City Olympia -Purpose Delivery
        Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $extra.AddressId
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $hq = Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId
        @($hq.Addresses).Count | Should -Be 1 -Because 'an address created and deactivated before the sync never stays at HQ'
        $hq.Addresses[0].City | Should -Be Bellevue
        @((Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses).Count | Should -Be 1
    }

    It 'never lets an older operation, fixed and retried, overwrite a later one HQ already applied' {
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -Country 'U S A'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $bad = Get-AddressOperations $homeAddress.AddressId | Where-Object SyncStatus -eq Failed
        $bad.Operation | Should -Be Update
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -Country USA -City Redmond
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses[0].City | Should -Be Redmond

        # The admin corrects the old failed edit on the status page: it is out of date, so HQ keeps the later edit.
        $bad | Set-AsyncCustomerOperation -Country USA
        Convert-AsyncCustomer | Out-Null
        (Get-AddressOperations $homeAddress.AddressId).SyncStatus | Sort-Object -Unique | Should -Be Completed
        (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses[0].City | Should -Be Redmond
    }

    It 'refuses an address the customer does not have, or no longer has, and records nothing' {
        $before = @(Get-AsyncCustomerOperation -Kind Address).Count
        { Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId nope -City X -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressNotFound,CommerceSync.SetAsyncCustomerAddress'
        $other = New-AsyncCustomer -Channel S0001 -FirstName Bo -LastName Ek -City Spokane
        { Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $other.AsyncCustomerId -AddressId $homeAddress.AddressId -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressNotFound,CommerceSync.DisableAsyncCustomerAddress' -Because "an address of another customer is not this customer's"
        Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId
        $err = { Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -City X -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressNotFound,CommerceSync.SetAsyncCustomerAddress' -PassThru
        $err.Exception.Message | Should -BeLike '*was deactivated*New-AsyncCustomerAddress*'
        { Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressNotFound,CommerceSync.DisableAsyncCustomerAddress'
        @(Get-AsyncCustomerOperation -Kind Address).Count | Should -Be ($before + 2) -Because 'only the new customer and the one deactivation were recorded'
        @((Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses).Count | Should -Be 0
    }

    It 'refuses a deactivated address as the delivery address of a new order' {
        $dock = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -Street '5 Dock Rd' -City Tacoma -Purpose Delivery
        Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $dock.AddressId
        { New-CommerceTransaction -Channel S0001 -Type CustomerOrder -AsyncCustomerId $ann.AsyncCustomerId -DeliveryAddressId $dock.AddressId -Amount 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressNotFound,CommerceSync.NewCommerceTransaction'
        (New-CommerceTransaction -Channel S0001 -Type CustomerOrder -AsyncCustomerId $ann.AsyncCustomerId -DeliveryAddressId $homeAddress.AddressId -Amount 5).DeliveryAddressId |
            Should -Be $homeAddress.AddressId
    }

    It 'fails an edit HQ refuses on its own, with the reason, and still applies a later deactivation' {
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -Country 'U S A'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $failed = @(Get-AddressOperations $homeAddress.AddressId | Where-Object SyncStatus -eq Failed)
        $failed.Operation | Should -Be Update
        $failed.Error | Should -Not -BeNullOrEmpty
        (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses[0].Country | Should -Be USA -Because 'HQ keeps the address it had'

        Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        @((Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses).Count | Should -Be 0
    }

    It 'fixes many addresses in one pipeline, and -WhatIf records nothing' {
        $more = 1..5 | ForEach-Object { New-AsyncCustomer -Channel S0001 -FirstName "F$_" -LastName Fix -Street "$_ Elm St" -City Seattel }
        $addresses = $more | ForEach-Object Addresses
        $addresses | Set-AsyncCustomerAddress -City Seattle -WhatIf
        (Get-AsyncCustomer -Name '*Fix' | ForEach-Object Addresses).City | Sort-Object -Unique | Should -Be Seattel
        $fixed = $addresses | Set-AsyncCustomerAddress -City Seattle -PassThru
        $fixed.Count | Should -Be 5
        $fixed.Street | Should -Be ($addresses.Street) -Because 'each row keeps its own street'
        (Get-AsyncCustomer -Name '*Fix' | ForEach-Object Addresses).City | Sort-Object -Unique | Should -Be Seattle
    }

    It 'is refused with FeatureDisabled while "Enable editing customers in asynchronous mode" is off, for synced customers too' {
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $account = (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).AccountNumber
        Disable-CommerceFeature -FeatureId AsyncEditing
        $before = @(Get-AsyncCustomerOperation -Kind Address).Count
        { Set-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -AddressId $homeAddress.AddressId -City X -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.SetAsyncCustomerAddress' -Because 'WhatIf must not promise what the command refuses'
        $err = { Set-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -AddressId $homeAddress.AddressId -City X -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.SetAsyncCustomerAddress' -PassThru
        $err.Exception.Message | Should -BeLike '*Enable editing customers in asynchronous mode*'
        { Disable-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $homeAddress.AddressId -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.DisableAsyncCustomerAddress'
        @(Get-AsyncCustomerOperation -Kind Address).Count | Should -Be $before
        Enable-CommerceFeature -FeatureId AsyncEditing
        Set-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -AddressId $homeAddress.AddressId -City Redmond -PassThru | Should -Not -BeNullOrEmpty
    }

    It 'changes only what the command line gives when addresses read earlier are piped in' {
        $b = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -Street '2 Oak St' -City Bville
        $snapshot = (Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $b.AddressId -IsPrimary -City Bellevue
        $snapshot | Set-AsyncCustomerAddress -ZipCode 98000
        $now = (Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses
        ($now | Where-Object IsPrimary).AddressId | Should -Be $b.AddressId -Because 'the snapshot still says the first address is primary, and must not put that back'
        ($now | Where-Object AddressId -eq $b.AddressId).City | Should -Be Bellevue
        $now.ZipCode | Sort-Object -Unique | Should -Be 98000
    }

    It 'takes the channel and the customer from a customer piped in, and never its name' {
        $row = $ann | Set-AsyncCustomerAddress -AddressId $homeAddress.AddressId -City Redmond -PassThru
        $row.AsyncCustomerId | Should -Be $ann.AsyncCustomerId
        $row.City | Should -Be Redmond
        $row.Name | Should -BeNullOrEmpty -Because "the customer's Name is not the address's"
    }
}

# customer-mgmt-stores.md: a customer has one primary address per purpose.
Describe 'One primary address per customer and purpose (customer-mgmt-stores.md)' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -DataAreaId USRT -Country USA -AsyncCustomerMode | Out-Null
        $script:ann = New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee -Street '1 Main St' -City Seattle
    }

    It 'makes the earlier primary address of the same purpose no longer primary, at the POS and at HQ' {
        $ann.Addresses[0].IsPrimary | Should -BeTrue
        $new = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -Street '2 Oak St' -City Seattle -IsPrimary
        $work = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -Street '3 Pier' -City Seattle -Purpose Business -IsPrimary
        $pos = (Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses
        ($pos | Where-Object IsPrimary).AddressId | Sort-Object | Should -Be (@($new.AddressId, $work.AddressId) | Sort-Object)
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $hq = (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses
        ($hq | Where-Object IsPrimary).AddressId | Sort-Object | Should -Be (@($new.AddressId, $work.AddressId) | Sort-Object) -Because 'a Business primary leaves the Home primary alone'

        # Made primary again by an edit, after the sync: HQ follows.
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $ann.Addresses[0].AddressId -IsPrimary
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $hq = (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses
        ($hq | Where-Object { $_.IsPrimary -and $_.Purpose -eq 'Home' }).AddressId | Should -Be $ann.Addresses[0].AddressId
    }

    It 'leaves no primary address of a purpose once its primary is taken away, at the POS and at HQ alike, synced at once or step by step' {
        $first = $ann.Addresses[0]
        $second = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -Street '2 Oak St' -City Seattle -IsPrimary
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $first.AddressId -IsPrimary
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $first.AddressId -IsPrimary:$false
        @((Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses | Where-Object IsPrimary).Count | Should -Be 0
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        @((Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses | Where-Object IsPrimary).Count | Should -Be 0 -Because 'HQ applies the operations of one sync as the POS folded them'

        # Step by step, a sync after each edit: the same end.
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $second.AddressId -IsPrimary
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $first.AddressId -IsPrimary
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        Set-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -AddressId $first.AddressId -IsPrimary:$false
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        @((Get-AsyncCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses | Where-Object IsPrimary).Count | Should -Be 0
        @((Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).Addresses | Where-Object IsPrimary).Count | Should -Be 0
    }

    It 'keeps one primary per purpose among the addresses a new customer is created with' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Cy -LastName Ng -Address @(
            @{ Street = '1 A St'; City = 'Seattle'; IsPrimary = $true }, @{ Street = '2 B St'; City = 'Seattle'; IsPrimary = $true })
        ($c.Addresses | Where-Object IsPrimary).Street | Should -Be '2 B St'
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        ((Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Addresses | Where-Object IsPrimary).Street | Should -Be '2 B St'
    }
}
