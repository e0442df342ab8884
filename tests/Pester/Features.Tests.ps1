# The feature switches of async customer mode, as the Commerce docs name them, and what the cmdlets do with each one off.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Feature switches and their versions (async-customer-mode.md, "Async customer enhancements")' {
    BeforeEach { New-TestStore | Out-Null }

    It 'has every feature on in a new store, each with the version the docs give' {
        $features = Get-CommerceFeature
        $features.FeatureId | Should -Be @('AsyncAddresses', 'EnhancedCreation', 'CustomerOrderPerformance', 'AsyncEditing', 'SyncStatusPage') -Because 'they are listed in the order of their Commerce versions'
        $features.Version | Should -Be @('10.0.22', '10.0.24', '10.0.28', '10.0.29', '10.0.31')
        $features | ForEach-Object { $_.Enabled | Should -BeTrue -Because "$($_.FeatureId) is on in a new store" }
        $features | ForEach-Object { $_.PendingChannels | Should -BeNullOrEmpty -Because 'no distribution job is modelled: a change acts at once' }
        # "Feature switch: Enable asynchronous creation for customer addresses" (10.0.22), "Enable enhanced async customer
        # creation" (10.0.24), "Enable editing customers in asynchronous mode" (10.0.29).
        (Get-CommerceFeature AsyncAddresses).Name | Should -Be 'Enable asynchronous creation for customer addresses'
        (Get-CommerceFeature AsyncAddresses).Version | Should -Be '10.0.22'
        (Get-CommerceFeature EnhancedCreation).Name | Should -Be 'Enable enhanced async customer creation'
        (Get-CommerceFeature EnhancedCreation).Version | Should -Be '10.0.24'
        (Get-CommerceFeature AsyncEditing).Name | Should -Be 'Enable editing customers in asynchronous mode'
        (Get-CommerceFeature AsyncEditing).Version | Should -Be '10.0.29'
        (Get-CommerceFeature SyncStatusPage).Version | Should -Be '10.0.31'
        (Get-CommerceFeature -Name '*editing*').FeatureId | Should -Be 'AsyncEditing'
    }

    It 'keeps a state in the store: another session of the same store sees it, and a new store does not' {
        $location = New-TestStore
        Disable-CommerceFeature SyncStatusPage
        $seen = Invoke-FreshPwsh "`$env:COMMERCESYNC_STORE = '$location'; Import-Module '$ModuleManifest'; (Get-CommerceFeature SyncStatusPage).Enabled"
        $seen | Should -Be 'False'
        New-TestStore | Out-Null
        (Get-CommerceFeature SyncStatusPage).Enabled | Should -BeTrue
    }

    It 'changes nothing with -WhatIf and returns the feature with -PassThru only' {
        Disable-CommerceFeature SyncStatusPage -WhatIf
        (Get-CommerceFeature SyncStatusPage).Enabled | Should -BeTrue
        Disable-CommerceFeature SyncStatusPage | Should -BeNullOrEmpty
        $f = Enable-CommerceFeature SyncStatusPage -PassThru
        $f.Enabled | Should -BeTrue
        $f.Store | Should -Not -BeNullOrEmpty
    }
}

Describe 'The order of switching (async-customer-mode.md, "Feature switch hierarchy"; async-customer-mode-faq.md)' {
    BeforeEach { New-TestStore | Out-Null }

    It 'refuses to turn on editing in asynchronous mode while a prerequisite is off, naming it' {
        # "before you enable the Enable editing customers in asynchronous mode feature, you must enable the following features"
        (Get-CommerceFeature AsyncEditing).Prerequisites | Should -Be @('CustomerOrderPerformance', 'EnhancedCreation', 'AsyncAddresses') -Because 'in the order the docs list them'
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature EnhancedCreation
        $e = { Enable-CommerceFeature AsyncEditing -ErrorAction Stop } | Should -Throw -ErrorId 'FeaturePrerequisiteOff,CommerceSync.EnableCommerceFeature' -PassThru
        $e.Exception.Message | Should -Match "'Enable enhanced async customer creation'"
        (Get-CommerceFeature AsyncEditing).Enabled | Should -BeFalse
        Enable-CommerceFeature EnhancedCreation
        Enable-CommerceFeature AsyncEditing
        (Get-CommerceFeature AsyncEditing).Enabled | Should -BeTrue
    }

    It 'refuses to turn off a prerequisite while editing in asynchronous mode is on, naming it' {
        $e = { Disable-CommerceFeature AsyncAddresses -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureInUse,CommerceSync.DisableCommerceFeature' -PassThru
        $e.Exception.Message | Should -Match "'Enable editing customers in asynchronous mode'"
        (Get-CommerceFeature AsyncAddresses).Enabled | Should -BeTrue
    }

    It 'never turns off the mandatory feature' {
        # "This feature has been mandatory since the Commerce version 10.0.28 release."
        Disable-CommerceFeature AsyncEditing
        { Disable-CommerceFeature CustomerOrderPerformance -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureMandatory,CommerceSync.DisableCommerceFeature'
        (Get-CommerceFeature CustomerOrderPerformance).Mandatory | Should -BeTrue
    }

    It 'refuses under -WhatIf what it would refuse without, so a dry run tells the truth' {
        { Disable-CommerceFeature CustomerOrderPerformance -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureMandatory,CommerceSync.DisableCommerceFeature'
        { Disable-CommerceFeature AsyncAddresses -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureInUse,CommerceSync.DisableCommerceFeature'
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature EnhancedCreation
        { Enable-CommerceFeature AsyncEditing -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'FeaturePrerequisiteOff,CommerceSync.EnableCommerceFeature'
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada -LastName Byron
        { Set-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -Email ada@example.com -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.SetAsyncCustomer'
    }

    It 'takes feature ids piped as text, several in one pipeline' {
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature AsyncAddresses
        'AsyncAddresses', 'AsyncEditing' | Enable-CommerceFeature
        (Get-CommerceFeature | Where-Object { -not $_.Enabled }) | Should -BeNullOrEmpty
    }

    It 'switches features piped from Get-CommerceFeature in their order, prerequisites first' {
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature AsyncAddresses
        Disable-CommerceFeature EnhancedCreation
        $on = Get-CommerceFeature | Where-Object { -not $_.Enabled } | Enable-CommerceFeature -PassThru
        $on.FeatureId | Should -Be @('AsyncAddresses', 'EnhancedCreation', 'AsyncEditing')
        (Get-CommerceFeature | Where-Object { -not $_.Enabled }) | Should -BeNullOrEmpty
    }
}

Describe 'Editing before 10.0.29 (customer-mgmt-stores.md, "Async customer limitations")' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        Disable-CommerceFeature AsyncEditing
    }

    It 'refuses to edit or deactivate an async customer pending sync, naming the feature' {
        # "Async customer records can't be edited unless the customer has been created in Commerce headquarters and the new
        # customer account ID has been synced back to the channel."
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada -LastName Byron
        $e = { Set-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -Email ada@example.com -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.SetAsyncCustomer' -PassThru
        $e.Exception.Message | Should -Match "'Enable editing customers in asynchronous mode'"
        $e.Exception.Message | Should -Match 'Enable-CommerceFeature AsyncEditing'
        { Disable-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.DisableAsyncCustomer'
        (Get-AsyncCustomer -Channel S0001).Email | Should -BeNullOrEmpty -Because 'nothing was recorded'
    }

    It 'edits the customer once it is synced, by its account number' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada -LastName Byron
        $synced = $c | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010
        Set-AsyncCustomer -Channel S0001 -AccountNumber $synced.AccountNumber -Email ada@example.com | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer -AccountNumber $synced.AccountNumber).Email | Should -Be 'ada@example.com'
    }

    It 'edits an async customer again once the feature is back on' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada
        Enable-CommerceFeature AsyncEditing
        Set-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -Email ada@example.com -PassThru | Should -Not -BeNullOrEmpty
    }
}

Describe 'Addresses before 10.0.22 (async-customer-mode.md, "Enable asynchronous creation for customer addresses")' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -Country USA | Out-Null
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature AsyncAddresses
    }

    It 'refuses an address added later, to an async or a synced customer' {
        # "This feature affects both sync customers and async customers."
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada -City Seattle
        { New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -City Tacoma -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.NewAsyncCustomerAddress'
        $synced = $c | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010
        $e = { New-AsyncCustomerAddress -Channel S0001 -AccountNumber $synced.AccountNumber -City Tacoma -ErrorAction Stop } |
            Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.NewAsyncCustomerAddress' -PassThru
        $e.Exception.Message | Should -Match "'Enable asynchronous creation for customer addresses'"
        (Get-CommerceCustomer -AccountNumber $synced.AccountNumber).Addresses.City | Should -Be @('Seattle') -Because 'the address the customer was created with came'
    }

    It 'takes addresses again once the feature is back on' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada
        Enable-CommerceFeature AsyncAddresses
        (New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -City Tacoma).City | Should -Be 'Tacoma'
    }
}

Describe 'Creation before 10.0.24 (customer-mgmt-stores.md, "Async customer limitations"; async-customer-mode.md)' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId HQ01 -DefaultCurrency USD | Out-Null
        $script:walkIn = New-CommerceCustomer -Channel HQ01 -Name 'Walk-in customers' -CustomerGroup 20 -Currency EUR -Language de
        Set-AsyncCustomer -Channel HQ01 -AccountNumber $walkIn.AccountNumber -Affiliation Employee | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -DefaultCustomer $walkIn.AccountNumber | Out-Null
    }

    It "gives a new async customer no affiliations from the default customer, and the rest of it still" {
        # "Affiliations can't be associated with Async customers. Therefore, new Async customers don't inherit affiliations
        # from the default customer."
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature EnhancedCreation
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada
        $c.Affiliations | Should -BeNullOrEmpty
        ($c.CustomerGroup, $c.Currency, $c.Language) | Should -Be @('20', 'EUR', 'de')
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Affiliations | Should -BeNullOrEmpty
    }

    It 'gives customers imported from a store file none either' {
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature EnhancedCreation
        $file = Join-Path $TestDrive 'night.csv'
        Set-Content $file -Value 'Channel,FirstName', 'S0001,Nia', 'S0001,Oli'
        Import-AsyncCustomer -Path $file | Out-Null
        $imported = Get-AsyncCustomer -Channel S0001
        $imported | Should -HaveCount 2
        $imported | ForEach-Object { $_.Affiliations | Should -BeNullOrEmpty }
    }

    It 'still gives them to a customer created in real time at HQ: the limitation is of async customers' {
        Disable-CommerceFeature AsyncEditing
        Disable-CommerceFeature EnhancedCreation
        New-CommerceChannel -ChannelId S0002 -DefaultCustomer $walkIn.AccountNumber | Out-Null
        $hq = New-CommerceCustomer -Channel S0002 -FirstName Bo
        $hq.AccountNumber | Should -Not -BeNullOrEmpty -Because 'a store in sync mode creates the customer at HQ'
        $hq.Affiliations | Should -Be @('Employee')
    }

    It 'gives them with the feature on: "affiliations from the default customer"' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada
        $c.Affiliations | Should -Be @('Employee')
    }
}

Describe 'The status page before 10.0.31 (audit-async-customer-operations.md)' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer -Channel S0001 -FirstName Ada -Email 'not-an-email' | Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
    }

    It 'lists and corrects operations only with the Customer synchronization status feature on' {
        $failed = Get-AsyncCustomerOperation -SyncStatus Failed
        $failed | Should -Not -BeNullOrEmpty
        Disable-CommerceFeature SyncStatusPage
        $e = { Get-AsyncCustomerOperation -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.GetAsyncCustomerOperation' -PassThru
        $e.Exception.Message | Should -Match "'Customer synchronization status'"
        { $failed | Set-AsyncCustomerOperation -Email ada@example.com -ErrorAction Stop } | Should -Throw -ErrorId 'FeatureDisabled,CommerceSync.SetAsyncCustomerOperation'
        Enable-CommerceFeature SyncStatusPage
        $failed | Set-AsyncCustomerOperation -Email ada@example.com | Out-Null
        (Get-AsyncCustomerOperation -SyncStatus Pending).Email | Should -Contain 'ada@example.com'
    }
}
