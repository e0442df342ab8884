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

Describe 'The store''s default customer (customer-mgmt-stores.md, "Default customer properties")' {
    BeforeEach {
        New-TestStore | Out-Null
        # HQ's walk-in customer, made at a store in sync mode (real time), then given an affiliation the way a POS edits a
        # synced customer: "customer type, customer group, receipt option, receipt email, currency, and language" and the
        # affiliations are what a new customer takes from it.
        New-CommerceChannel -ChannelId HQ01 -DefaultCurrency USD | Out-Null
        $script:walkIn = New-CommerceCustomer -Channel HQ01 -Name 'Walk-in customers' -RelationshipType Organization -CustomerGroup 20 `
            -Currency EUR -Language de -ReceiptOption Email -ReceiptEmail receipts@contoso.example
        Set-AsyncCustomer -Channel HQ01 -AccountNumber $walkIn.AccountNumber -Affiliation Employee | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -DefaultCustomer $walkIn.AccountNumber | Out-Null
    }

    It 'keeps the default customer on the channel' {
        (Get-CommerceChannel S0001).DefaultCustomer | Should -Be $walkIn.AccountNumber
        (Get-CommerceCustomer -AccountNumber $walkIn.AccountNumber).Affiliations | Should -Be @('Employee')
    }

    It 'gives a new customer what the POS left out, and HQ creates it so' {
        $c = New-AsyncCustomer -Channel S0001 -Name 'Fabrikam'
        $c.RelationshipType | Should -Be 'Organization'
        ($c.CustomerGroup, $c.Currency, $c.Language, $c.ReceiptOption, $c.ReceiptEmail) |
            Should -Be @('20', 'EUR', 'de', 'Email', 'receipts@contoso.example')
        $c.Addresses | Should -BeNullOrEmpty
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $hq = Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId
        ($hq.RelationshipType, $hq.CustomerGroup, $hq.Currency, $hq.Language, $hq.ReceiptOption, $hq.ReceiptEmail) |
            Should -Be @('Organization', '20', 'EUR', 'de', 'Email', 'receipts@contoso.example')
        $hq.Affiliations | Should -Be @('Employee')
    }

    It 'keeps what the POS gave, and still adds the default affiliations' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ana -LastName Ruiz -RelationshipType Person -CustomerGroup 10 -Currency usd `
            -Language en-us -ReceiptOption Print -ReceiptEmail ana@contoso.example -City Seattle -Country USA
        ($c.RelationshipType, $c.CustomerGroup, $c.Currency, $c.Language, $c.ReceiptOption, $c.ReceiptEmail) |
            Should -Be @('Person', '10', 'USD', 'en-us', 'Print', 'ana@contoso.example')
        $c.Addresses[0].Purpose | Should -Be 'Home' -Because 'the POS chose a person'
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Affiliations | Should -Be @('Employee')
    }

    It 'gives an address of a customer that took the type Organization the purpose Business' {
        (New-AsyncCustomer -Channel S0001 -Name 'Northwind' -City Portland).Addresses[0].Purpose | Should -Be 'Business'
    }

    It 'gives them to a customer created in real time at a store in sync mode too' {
        New-CommerceChannel -ChannelId S0002 -DefaultCustomer $walkIn.AccountNumber | Out-Null
        $c = New-CommerceCustomer -Channel S0002 -Name 'Contoso Pharma'
        ($c.AccountNumber -match '\d') | Should -BeTrue
        ($c.RelationshipType, $c.CustomerGroup, $c.Currency, $c.ReceiptOption, $c.ReceiptEmail) |
            Should -Be @('Organization', '20', 'EUR', 'Email', 'receipts@contoso.example')
        $c.Affiliations | Should -Be @('Employee')
    }

    It 'gives them to the rows of an imported file that leave them blank' {
        $csv = Join-Path $TestDrive 'defaults.csv'
        "Name,RelationshipType,ReceiptOption,Currency`nTailspin,,,`nAdatum,Person,PrintAndEmail,GBP" | Set-Content -LiteralPath $csv
        Import-AsyncCustomer -Path $csv -Channel S0001 | Out-Null
        $rows = Get-AsyncCustomer -Channel S0001 | Sort-Object Name
        ($rows.Name) | Should -Be @('Adatum', 'Tailspin')
        ($rows[1].RelationshipType, $rows[1].ReceiptOption, $rows[1].Currency) | Should -Be @('Organization', 'Email', 'EUR')
        ($rows[0].RelationshipType, $rows[0].ReceiptOption, $rows[0].Currency) | Should -Be @('Person', 'PrintAndEmail', 'GBP')
    }

    It 'refuses a default customer HQ does not have in the store''s legal entity, and an empty one takes it away' {
        { Set-CommerceChannel S0001 -DefaultCustomer 'NO-SUCH' -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerNotFound,*'
        { New-CommerceChannel -ChannelId X0001 -DataAreaId DEMF -DefaultCustomer $walkIn.AccountNumber -ErrorAction Stop } |
            Should -Throw -ErrorId 'CustomerNotFound,*'
        Get-CommerceChannel X0001 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CommerceChannel S0001).DefaultCustomer | Should -Be $walkIn.AccountNumber -Because 'a refused change changes nothing'
        (Set-CommerceChannel S0001 -DefaultCustomer '' -PassThru).DefaultCustomer | Should -BeNullOrEmpty
        $c = New-AsyncCustomer -Channel S0001 -Name 'Plain'
        ($c.RelationshipType, $c.CustomerGroup, $c.ReceiptOption) | Should -Be @('Person', '30', $null)
        $c.Affiliations | Should -BeNullOrEmpty
    }

    It 'lets HQ refuse a receipt email that is not an email address, with the reason' {
        $c = New-AsyncCustomer -Channel S0001 -Name 'Bad receipt' -ReceiptEmail 'not an address'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Error | Should -Be 'The receipt email address is not valid.'
    }
}
