# Ids may hold '|' (and '%', '_'): every two-part key (channel and transaction, legal entity and account) is compared part
# by part, so channel A's transaction 'B|C' is never channel 'A|B''s transaction 'C'.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe "Two-part keys whose parts hold '|'" {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId 'A' -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId 'A|B' -AsyncCustomerMode | Out-Null
        $script:Ada = New-AsyncCustomer -Channel 'A' -FirstName Ada -LastName Pipe
        $script:Bo = New-AsyncCustomer -Channel 'A|B' -FirstName Bo -LastName Pipe
        # Joined with '|', both keys read 'A|B|C'.
        $script:One = New-CommerceTransaction -Channel 'A' -TransactionId 'B|C' -Type CustomerOrder -Amount 10 -AsyncCustomerId $Ada.AsyncCustomerId
        $script:Other = New-CommerceTransaction -Channel 'A|B' -TransactionId 'C' -Type CustomerOrder -Amount 20 -AsyncCustomerId $Bo.AsyncCustomerId
    }

    It 'the P-job returns exactly the piped transactions, not one whose parts another pair spells' {
        # Piped: (A, B|C), (A|B, D), (E, C). Not piped: (A|B, C), which has a piped channel, a piped id and the joined key A|B|C.
        New-CommerceChannel -ChannelId 'E' -AsyncCustomerMode | Out-Null
        $d = New-CommerceTransaction -Channel 'A|B' -TransactionId 'D' -Amount 5
        $e = New-CommerceTransaction -Channel 'E' -TransactionId 'C' -Amount 6
        $up = @($One, $d, $e | Invoke-PJob)
        $up.Count | Should -Be 3
        ($up | ForEach-Object { "$($_.ChannelId)/$($_.TransactionId)" } | Sort-Object) | Should -Be @('A/B|C', 'A|B/D', 'E/C')
    }

    It 'Synchronize orders makes one sales order for the one piped order' {
        Invoke-PJob | Out-Null   # both orders at HQ, so only the keys tell them apart
        $orders = @($One | Sync-CommerceOrder)
        $orders.Count | Should -Be 1
        $orders[0].ChannelId | Should -Be 'A'
        $orders[0].TransactionId | Should -Be 'B|C'
        @(Get-CommerceTransaction -Status Synchronized).TransactionId | Should -Be @('B|C')
        (Get-CommerceTransaction -Channel 'A|B' -TransactionId 'C').Status | Should -Be 'Uploaded' -Because 'the other order was not piped'
    }

    It "a customer of legal entity 'X|Y' gets its own addresses, with its own account number" {
        New-CommerceChannel -ChannelId 'L' -DataAreaId 'X|Y' -AsyncCustomerMode | Out-Null
        New-AsyncCustomer -Channel 'L' -FirstName Lee -LastName Pipe -Street '1 Main St' -City Boise -Country USA |
            Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $customer = Get-CommerceCustomer | Where-Object DataAreaId -eq 'X|Y'
        $customer.Addresses.Count | Should -Be 1
        $customer.Addresses[0].AccountNumber | Should -Be $customer.AccountNumber
    }
}
