# What a POS fills in when it records a customer's address, from the store and the customer, as the Commerce docs say.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Address defaults (customer-mgmt-stores.md, "Default customer properties")' {
    BeforeEach {
        New-TestStore | Out-Null
        # "The value of the Country field for an address is inherited from the primary address that is specified on the
        # Operating unit page": the store's operating unit is in Germany.
        New-CommerceChannel -ChannelId D0001 -DataAreaId DEMF -DefaultCurrency EUR -Country deu -AsyncCustomerMode | Out-Null
    }

    It 'keeps the operating unit country on the channel, in capitals, and changes it with Set-CommerceChannel' {
        (Get-CommerceChannel D0001).Country | Should -Be 'DEU'
        (Set-CommerceChannel D0001 -Country AUT -PassThru).Country | Should -Be 'AUT'
        (Set-CommerceChannel D0001 -Name Wien -PassThru).Country | Should -Be 'AUT' -Because 'a change that gives no country keeps it'
        { New-CommerceChannel -ChannelId D0002 -Country 'NOT-A-COUNTRY-CODE' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,*'
    }

    It "gives an address recorded without a country the store's, and HQ takes the customer with that address" {
        $c = New-AsyncCustomer -Channel D0001 -FirstName Lena -LastName Vogel -City Berlin
        $c.Addresses[0].Country | Should -Be 'DEU'
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $hq = Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId
        $hq.Addresses.Country | Should -Be 'DEU'
        (Get-CommerceSyncReport | Where-Object ChannelId -eq '*').FailedOperations | Should -Be 0
    }

    It 'keeps a country the POS gave' {
        (New-AsyncCustomer -Channel D0001 -FirstName Tom -LastName Gast -City Seattle -Country USA).Addresses[0].Country | Should -Be 'USA'
    }

    It 'leaves the country blank at a store whose operating unit has none, and HQ refuses that address as before' {
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        (New-AsyncCustomer -Channel S0001 -FirstName Nia -LastName Nocountry -City Seattle).Addresses[0].Country | Should -BeNullOrEmpty
    }

    It 'makes the purpose Home for a person and Business for an organization, unless one is given' {
        # "If the customer type is Person, the default value is Home. If the customer type is Organization, the default value is Business."
        (New-AsyncCustomer -Channel D0001 -FirstName Ida -LastName Person -City Köln).Addresses[0].Purpose | Should -Be 'Home'
        (New-AsyncCustomer -Channel D0001 -Name 'Fabrikam GmbH' -RelationshipType Organization -City Köln).Addresses[0].Purpose | Should -Be 'Business'
        (New-AsyncCustomer -Channel D0001 -Name 'Contoso AG' -RelationshipType Organization -Address @{ City = 'Bonn'; Purpose = 'Delivery' }).Addresses[0].Purpose |
            Should -Be 'Delivery'
    }

    It "fills an address added later from the customer it is for: an organization's, pending sync or synced, is Business" {
        $org = New-AsyncCustomer -Channel D0001 -Name 'Northwind KG' -RelationshipType Organization
        $pending = New-AsyncCustomerAddress -Channel D0001 -AsyncCustomerId $org.AsyncCustomerId -City Hamburg
        ($pending.Purpose, $pending.Country) | Should -Be @('Business', 'DEU')
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $account = (Get-CommerceCustomer -AsyncCustomerId $org.AsyncCustomerId).AccountNumber
        $synced = New-AsyncCustomerAddress -Channel D0001 -AccountNumber $account -City Bremen
        ($synced.Purpose, $synced.Country) | Should -Be @('Business', 'DEU')
        $person = New-AsyncCustomer -Channel D0001 -FirstName Jan -LastName Koch
        (New-AsyncCustomerAddress -Channel D0001 -AsyncCustomerId $person.AsyncCustomerId -City Kiel).Purpose | Should -Be 'Home'
    }
}
