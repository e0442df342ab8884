# Customer order modes (customer-orders-overview.md, "Asynchronous transaction flow for customer orders"): a channel creates
# customer orders asynchronously (P-job, then Synchronize orders), synchronously at HQ at once, or in real time with the
# asynchronous path as backup. In synchronous mode an async customer HQ does not have yet cannot be picked for an order.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # A channel in the given order mode, a customer HQ has (synced and distributed, with a delivery address), and an async
    # customer that is only at the channel, with an async address.
    function New-ModeStore([string] $Mode) {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -CustomerOrderMode $Mode | Out-Null
        $synced = New-AsyncCustomer S0001 -FirstName Sam -LastName Synced -Street '1 Main St' -City Town -Country USA
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $account = (Get-CommerceCustomer -AsyncCustomerId $synced.AsyncCustomerId).AccountNumber
        $pending = New-AsyncCustomer S0001 -FirstName Pia -LastName Pending
        $newAddress = New-AsyncCustomerAddress -Channel S0001 -AccountNumber $account -Street '9 New Rd' -City Town -Country USA -Purpose Delivery
        [pscustomobject]@{ Account = $account; Pending = $pending; NewAddress = $newAddress }
    }
}

Describe 'The customer order mode of a channel' {
    It 'is Asynchronous for a new channel, shown on the channel and changed with Set-CommerceChannel' {
        New-TestStore | Out-Null
        $ch = New-CommerceChannel -ChannelId S0001
        $ch.CustomerOrderMode | Should -Be 'Asynchronous'
        Set-CommerceChannel S0001 -CustomerOrderMode Synchronous -WhatIf
        (Get-CommerceChannel S0001).CustomerOrderMode | Should -Be 'Asynchronous' -Because '-WhatIf changes nothing'
        (Set-CommerceChannel S0001 -CustomerOrderMode RealTimeWithAsyncBackup -PassThru).CustomerOrderMode | Should -Be 'RealTimeWithAsyncBackup'
        (Set-CommerceChannel S0001 -Name 'Renamed' -PassThru).CustomerOrderMode | Should -Be 'RealTimeWithAsyncBackup' -Because 'a setting not given stays as it is'
        (Get-CommerceChannel S0001 | Format-List | Out-String) | Should -Match 'CustomerOrderMode\s*:\s*RealTimeWithAsyncBackup'
        { Set-CommerceChannel S0001 -CustomerOrderMode Sometimes } | Should -Throw '*Sometimes*'
    }
}

Describe 'Asynchronous: the order waits for the P-job and Synchronize orders' {
    It 'records an order for an async customer, and Synchronize orders syncs the customer and makes the sales order once' {
        $s = New-ModeStore Asynchronous
        $order = $s.Pending | New-CommerceTransaction -Type CustomerOrder -Amount 40
        $order.Status | Should -Be 'Pending'
        @(Get-CommerceSalesOrder) | Should -HaveCount 0
        (Invoke-PJob | Sync-CommerceOrder).Processed | Should -Be 1
        $made = @(Get-CommerceSalesOrder -TransactionId $order.TransactionId)
        $made | Should -HaveCount 1
        $made[0].CreatedInRealTime | Should -BeFalse
        (Get-CommerceTransaction -TransactionId $order.TransactionId).Status | Should -Be 'Synchronized'
        (Get-CommerceCustomer -AsyncCustomerId $s.Pending.AsyncCustomerId).AccountNumber | Should -Be $made[0].AccountNumber
    }
}

Describe 'Synchronous: the order is created at HQ at once' {
    BeforeEach { $s = New-ModeStore Synchronous }

    It 'makes the sales order when the order is recorded; the P-job uploads it as done and Synchronize orders makes no second one' {
        $order = New-CommerceTransaction -Channel S0001 -AccountNumber $s.Account -Type CustomerOrder -Amount 25.5
        $order.Status | Should -Be 'Synchronized'
        $order.SalesId | Should -Not -BeNullOrEmpty
        $now = Get-CommerceTransaction -TransactionId $order.TransactionId
        $now.Status | Should -Be 'Synchronized' -Because 'HQ has the sales order before any job ran'
        $so = Get-CommerceSalesOrder -TransactionId $order.TransactionId
        $so | Should -HaveCount 1
        $so.CreatedInRealTime | Should -BeTrue
        $so.AccountNumber | Should -Be $s.Account
        $so.Amount | Should -Be 25.5
        $now.SalesId | Should -Be $so.SalesOrderId

        $upload = Invoke-PJob
        $upload.Status | Should -Be 'Completed'
        $sync = Sync-CommerceOrder
        $sync.Processed | Should -Be 0 -Because 'the order is done already'
        @(Get-CommerceSalesOrder -TransactionId $order.TransactionId) | Should -HaveCount 1
        $after = Get-CommerceTransaction -TransactionId $order.TransactionId
        $after.Status | Should -Be 'Synchronized'
        $after.SalesId | Should -Be $so.SalesOrderId
        Test-CommerceStore | Should -BeTrue
    }

    It 'takes an async customer HQ already converted (the store may still know it by its GUID only)' {
        $c = New-AsyncCustomer S0001 -FirstName Cal -LastName Converted
        Invoke-PJob | Convert-AsyncCustomer | Out-Null # no 1010: the store still has the GUID
        $order = $c | New-CommerceTransaction -Type CustomerOrder -Amount 10
        $so = Get-CommerceSalesOrder -TransactionId $order.TransactionId
        $so.AccountNumber | Should -Be (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).AccountNumber
    }

    It 'refuses an async customer HQ does not have yet with AsyncCustomerNotSynced, and records nothing' {
        $err = $null
        $s.Pending | New-CommerceTransaction -Type CustomerOrder -Amount 40 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AsyncCustomerNotSynced,*'
        $err[0].Exception.Message | Should -Match 'Convert-AsyncCustomer'
        @(Get-CommerceTransaction) | Should -HaveCount 0
        @(Get-CommerceSalesOrder) | Should -HaveCount 0
        # A cash-and-carry sale for the same customer is not a customer order: it is recorded as always.
        ($s.Pending | New-CommerceTransaction -Amount 5).Status | Should -Be 'Pending'
    }

    It 'refuses a delivery address HQ does not have yet' {
        { New-CommerceTransaction -Channel S0001 -AccountNumber $s.Account -Type CustomerOrder -Amount 40 -DeliveryAddressId $s.NewAddress.AddressId -ErrorAction Stop } |
            Should -Throw -ErrorId 'AsyncCustomerNotSynced,*'
        @(Get-CommerceTransaction) | Should -HaveCount 0
    }

    It 'refuses every order with HeadquartersUnavailable while HQ cannot be reached, and records nothing' {
        Set-CommerceStore -HeadquartersAvailable:$false
        { New-CommerceTransaction -Channel S0001 -AccountNumber $s.Account -Type CustomerOrder -Amount 40 -ErrorAction Stop } |
            Should -Throw -ErrorId 'HeadquartersUnavailable,*'
        @(Get-CommerceTransaction) | Should -HaveCount 0
        Set-CommerceStore -HeadquartersAvailable
        (New-CommerceTransaction -Channel S0001 -AccountNumber $s.Account -Type CustomerOrder -Amount 40).Status | Should -Be 'Synchronized'
    }

    It 'records the good orders of a pipeline and refuses only the bad one' {
        $rows = @(
            [pscustomobject]@{ AccountNumber = $s.Account; Amount = 1 }
            [pscustomobject]@{ AsyncCustomerId = $s.Pending.AsyncCustomerId; Amount = 2 }
            [pscustomobject]@{ AccountNumber = $s.Account; Amount = 3 }
        )
        $made = @($rows | New-CommerceTransaction -Channel S0001 -Type CustomerOrder -ErrorVariable err -ErrorAction SilentlyContinue)
        $made.Amount | Should -Be 1, 3
        $err | Should -HaveCount 1
        @(Get-CommerceSalesOrder -Origin CustomerOrder) | Should -HaveCount 2
    }

    It 'stops a runbook with a non-zero exit code when an order is refused' {
        $db = (Get-CommerceStore).Location
        $script = Join-Path $TestDrive 'order.ps1'
        Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Connect-CommerceStore '$db' | Out-Null
New-CommerceTransaction -Channel S0001 -AsyncCustomerId '$($s.Pending.AsyncCustomerId)' -Type CustomerOrder -Amount 40
'not reached'
"@
        $out = & $Pwsh -NoProfile -NonInteractive -File $script 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Not -Be 0
        ($out -join "`n") | Should -Not -Match 'not reached'
        ($out -join "`n") | Should -Match 'does not have async customer'
    }
}

Describe 'RealTimeWithAsyncBackup: real time when it works, else the asynchronous path' {
    BeforeEach { $s = New-ModeStore RealTimeWithAsyncBackup }

    It 'creates the order at HQ at once while HQ can be reached and has the customer' {
        $order = New-CommerceTransaction -Channel S0001 -AccountNumber $s.Account -Type CustomerOrder -Amount 12
        (Get-CommerceSalesOrder -TransactionId $order.TransactionId).CreatedInRealTime | Should -BeTrue
        (Invoke-PJob | Sync-CommerceOrder).Processed | Should -Be 0
        @(Get-CommerceSalesOrder) | Should -HaveCount 1
    }

    It 'records the order for Synchronize orders while HQ cannot be reached' {
        Set-CommerceStore -HeadquartersAvailable:$false
        $order = New-CommerceTransaction -Channel S0001 -AccountNumber $s.Account -Type CustomerOrder -Amount 12
        $order.Status | Should -Be 'Pending'
        @(Get-CommerceSalesOrder) | Should -HaveCount 0
        Set-CommerceStore -HeadquartersAvailable
        (Invoke-PJob | Sync-CommerceOrder).Processed | Should -Be 1
        $made = @(Get-CommerceSalesOrder -TransactionId $order.TransactionId)
        $made | Should -HaveCount 1
        $made[0].CreatedInRealTime | Should -BeFalse
    }

    It 'records an order for an async customer HQ does not have yet, and Synchronize orders creates that customer once' {
        $order = $s.Pending | New-CommerceTransaction -Type CustomerOrder -Amount 8
        $order.Status | Should -Be 'Pending'
        # The sync job and Synchronize orders both reach the customer: it is created once.
        Invoke-PJob | Out-Null
        Convert-AsyncCustomer | Out-Null
        Sync-CommerceOrder | Out-Null
        @(Get-CommerceSalesOrder -TransactionId $order.TransactionId) | Should -HaveCount 1
        @(Get-CommerceCustomer | Where-Object FirstName -eq 'Pia') | Should -HaveCount 1
        Test-CommerceStore | Should -BeTrue
    }
}
