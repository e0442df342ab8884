# Reading back what the jobs made: the sales orders of Synchronize orders, and the loyalty cards issued at the stores.
BeforeDiscovery {
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # Two stores in async mode. Ann (created at S0001) orders at S0001 while pending sync and at S0002 once synced; Bob
    # (S0002) orders at S0002; a cash-and-carry sale and a customer order still at the store make no sales order; Cleo is
    # still pending sync.
    function New-OrderStore {
        $path = New-TestStore
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        $ann = New-AsyncCustomer S0001 -FirstName Ann -LastName Order -Email ann@example.com
        $addr = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $ann.AsyncCustomerId -Street '5 Dock Rd' -City Tacoma -Country USA -Purpose Delivery
        $annOrder = $ann | New-CommerceTransaction -Type CustomerOrder -Amount 120.50 -DeliveryAddressId $addr.AddressId
        $bob = New-AsyncCustomer S0002 -FirstName Bob -LastName Buyer
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $annAccount = (Get-CommerceCustomer -AsyncCustomerId $ann.AsyncCustomerId).AccountNumber
        $bobAccount = (Get-CommerceCustomer -AsyncCustomerId $bob.AsyncCustomerId).AccountNumber
        $annAtS2 = New-CommerceTransaction -Channel S0002 -AccountNumber $annAccount -Type CustomerOrder -Amount 30
        $bobOrder = New-CommerceTransaction -Channel S0002 -AccountNumber $bobAccount -Type CustomerOrder -Amount 7.25
        $sale = New-CommerceTransaction -Channel S0002 -AccountNumber $bobAccount -Amount 3
        $orders = @(Get-CommerceTransaction | Invoke-PJob | Sync-CommerceOrder)
        $cleo = New-AsyncCustomer S0001 -FirstName Cleo -LastName Pending
        $later = New-CommerceTransaction -Channel S0001 -AccountNumber $bobAccount -Type CustomerOrder -Amount 9
        [pscustomobject]@{
            Path = $path; Ann = $annAccount; Bob = $bobAccount; Cleo = $cleo; Address = $addr
            AnnOrder = $annOrder; AnnAtS2 = $annAtS2; BobOrder = $bobOrder; Sale = $sale; Later = $later; Orders = $orders
        }
    }

    function Invoke-AsUser([string] $Body) {
        # A fresh pwsh with no store chosen and a home (so a per-user default store) of its own.
        $home_ = Join-Path $TestDrive "home-$(New-Guid)"
        $data = Join-Path $home_ '.local/share'
        New-Item -ItemType Directory $data -Force | Out-Null
        $file = Join-Path $TestDrive "user-$(New-Guid).ps1"
        Set-Content -LiteralPath $file -Value "Remove-Item Env:COMMERCESYNC_STORE -ErrorAction SilentlyContinue`nImport-Module '$ModuleManifest'`n$Body"
        $saved = $env:HOME, $env:XDG_DATA_HOME, $env:COMMERCESYNC_STORE
        try {
            $env:HOME = $home_; $env:XDG_DATA_HOME = $data; Remove-Item Env:COMMERCESYNC_STORE -ErrorAction SilentlyContinue
            $out = & $Pwsh -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        }
        finally { $env:HOME, $env:XDG_DATA_HOME, $env:COMMERCESYNC_STORE = $saved }
        [pscustomobject]@{ Output = $out -join "`n"; DefaultStore = Join-Path $data 'CommerceSync/commerce.db' }
    }
}

Describe 'Get-CommerceSalesOrder' {
    BeforeAll { $s = New-OrderStore }

    It 'lists the sales orders Synchronize orders made, with the values it made them with' {
        $s.Orders | Should -HaveCount 3
        $all = @(Get-CommerceSalesOrder)
        $all | Should -HaveCount 3
        $all | Should -BeOfType CommerceSync.SalesOrder
        foreach ($made in $s.Orders) {
            $o = $all | Where-Object SalesId -eq $made.SalesId
            foreach ($p in 'DataAreaId', 'TransactionId', 'ChannelId', 'AccountNumber', 'DeliveryAddressId', 'Amount', 'Status', 'CreatedAt') {
                $o.$p | Should -Be $made.$p -Because "$p of $($made.SalesId)"
            }
        }
        $ann = $all | Where-Object TransactionId -eq $s.AnnOrder.TransactionId
        $ann.AccountNumber | Should -Be $s.Ann -Because 'an order of an async customer goes to the account the sync job gave it'
        $ann.ChannelId | Should -Be 'S0001'
        $ann.Amount | Should -Be 120.50
        $ann.DeliveryAddressId | Should -Not -BeNullOrEmpty
        $ann.Status | Should -Be 'Created'
        @($all.SalesId) | Should -Be @((Get-CommerceTransaction -Status Synchronized).SalesId | Sort-Object)
        $all.Store | Select-Object -Unique | Should -Be (Get-CommerceStore).Path
    }

    It 'filters by <Filter>' -ForEach @(
        @{ Filter = '-Channel S0002'; Script = { Get-CommerceSalesOrder -Channel S0002 }; Expected = { $s.AnnAtS2.TransactionId, $s.BobOrder.TransactionId } }
        @{ Filter = 'a -Channel wildcard'; Script = { Get-CommerceSalesOrder 'S*1' }; Expected = { $s.AnnOrder.TransactionId } }
        @{ Filter = '-AccountNumber'; Script = { Get-CommerceSalesOrder -AccountNumber $s.Ann }; Expected = { $s.AnnOrder.TransactionId, $s.AnnAtS2.TransactionId } }
        @{ Filter = '-AccountNumber and -Channel'; Script = { Get-CommerceSalesOrder -AccountNumber $s.Ann -Channel S0002 }; Expected = { $s.AnnAtS2.TransactionId } }
        @{ Filter = '-TransactionId'; Script = { Get-CommerceSalesOrder -TransactionId $s.BobOrder.TransactionId }; Expected = { $s.BobOrder.TransactionId } }
        @{ Filter = '-SalesOrderId'; Script = { Get-CommerceSalesOrder -SalesOrderId ($s.Orders | Where-Object TransactionId -eq $s.BobOrder.TransactionId).SalesId }; Expected = { $s.BobOrder.TransactionId } }
        @{ Filter = '-SalesId (its alias, the property name)'; Script = { Get-CommerceSalesOrder -SalesId $s.Orders[0].SalesId, $s.Orders[1].SalesId }; Expected = { $s.Orders[0].TransactionId, $s.Orders[1].TransactionId } }
        @{ Filter = '-Status Created'; Script = { Get-CommerceSalesOrder -Status Created }; Expected = { $s.Orders.TransactionId } }
    ) {
        @((& $Script).TransactionId | Sort-Object) | Should -Be @(& $Expected | Sort-Object)
    }

    It 'refuses a status that is not a sales order status' {
        { Get-CommerceSalesOrder -Status Posted } | Should -Throw -ExpectedMessage '*Created*' -Because 'the error names the values there are'
    }

    It 'lists the sales order of each transaction piped in, and nothing for one that made none' {
        $out = @(Get-CommerceTransaction | Get-CommerceSalesOrder)
        @($out.TransactionId | Sort-Object) | Should -Be @($s.Orders.TransactionId | Sort-Object) -Because 'the sale and the order still at the store have no sales order'
        $one = Get-CommerceTransaction -TransactionId $s.AnnAtS2.TransactionId | Get-CommerceSalesOrder
        $one.ChannelId | Should -Be 'S0002'
        $one.AccountNumber | Should -Be $s.Ann
        Get-CommerceTransaction -TransactionId $s.Sale.TransactionId, $s.Later.TransactionId | Get-CommerceSalesOrder -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty -Because 'a transaction that made no sales order is not an error'
    }

    It 'lists each customer''s orders at every store, whichever store created the customer' {
        $annOrders = @(Get-CommerceCustomer -AccountNumber $s.Ann | Get-CommerceSalesOrder)
        @($annOrders.ChannelId | Sort-Object) | Should -Be @('S0001', 'S0002')
        @(Get-CommerceCustomer | Get-CommerceSalesOrder).Count | Should -Be 3
        @(Get-CommerceCustomer -AccountNumber $s.Ann | Get-CommerceSalesOrder -Channel S0002).TransactionId | Should -Be $s.AnnAtS2.TransactionId
        @((Get-AsyncCustomer -Channel S0001 | Where-Object FirstName -eq Ann | Get-CommerceSalesOrder).ChannelId | Sort-Object) | Should -Be @('S0001', 'S0002') -Because 'an async customer with its account pipes in the same way'
        Get-AsyncCustomer -Channel S0001 | Where-Object FirstName -eq Cleo | Get-CommerceSalesOrder | Should -BeNullOrEmpty -Because 'Cleo has no account yet'
    }

    It 'lists nothing for a customer piped in while the store shows it pending sync' {
        $view = @(Get-CommerceCustomer -Channel S0001)
        @($view | Where-Object { -not $_.AccountNumber }).Name | Should -Be 'Cleo Pending' -Because 'Cleo is pending sync at S0001'
        @($view | Get-CommerceSalesOrder).Count | Should -Be 3 -Because 'Ann has two orders and Bob one; Cleo, with no account yet, must not widen to every order'
        @($view | Where-Object { -not $_.AccountNumber } | Get-CommerceSalesOrder) | Should -BeNullOrEmpty
    }

    It 'pipes from channels, from itself, and on to Get-CommerceTransaction' {
        @((Get-CommerceChannel S0002 | Get-CommerceSalesOrder).TransactionId | Sort-Object) | Should -Be @($s.AnnAtS2.TransactionId, $s.BobOrder.TransactionId | Sort-Object)
        @(Get-CommerceSalesOrder | Get-CommerceSalesOrder).SalesId | Should -Be @((Get-CommerceSalesOrder).SalesId)
        (Get-CommerceSalesOrder -AccountNumber $s.Bob | Get-CommerceTransaction).Status | Should -Be 'Synchronized'
    }

    It 'writes <ErrorId> for an unknown <Name>, and goes on with the rest of the pipeline' -ForEach @(
        @{ Name = 'sales order'; ErrorId = 'SalesOrderNotFound'; Unknown = @{ SalesId = 'SO999999' } }
        @{ Name = 'transaction'; ErrorId = 'TransactionNotFound'; Unknown = @{ TransactionId = 'NO-SUCH-TX' } }
        @{ Name = 'customer'; ErrorId = 'CustomerNotFound'; Unknown = @{ AccountNumber = 'C999999' } }
    ) {
        $known = Get-CommerceSalesOrder -TransactionId $s.BobOrder.TransactionId
        $out = @([pscustomobject]$Unknown, $known | Get-CommerceSalesOrder -ErrorAction SilentlyContinue -ErrorVariable err)
        $out.SalesId | Should -Be $known.SalesId
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "$ErrorId,CommerceSync.GetCommerceSalesOrder"
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be @($Unknown.Values)[0]
    }

    It 'writes the error id for unknown ids on the command line, and lists the known ones' {
        $out = @(Get-CommerceSalesOrder -SalesOrderId $s.Orders[0].SalesId, 'SO999998' -ErrorAction SilentlyContinue -ErrorVariable err)
        $out.SalesId | Should -Be $s.Orders[0].SalesId
        $err.FullyQualifiedErrorId | Should -Be 'SalesOrderNotFound,CommerceSync.GetCommerceSalesOrder'
        Get-CommerceSalesOrder -Channel S0009 -ErrorAction SilentlyContinue -ErrorVariable err2 | Should -BeNullOrEmpty
        $err2.FullyQualifiedErrorId | Should -Be 'ChannelNotFound,CommerceSync.GetCommerceSalesOrder'
        { Get-CommerceSalesOrder -AccountNumber C999999 } | Should -Throw -ErrorId 'CustomerNotFound,CommerceSync.GetCommerceSalesOrder'
    }

    It 'lists nothing, and no error, for ids that exist but not with the other filters' {
        $bobs = Get-CommerceSalesOrder -TransactionId $s.BobOrder.TransactionId
        Get-CommerceSalesOrder -SalesOrderId $bobs.SalesId -AccountNumber $s.Ann -ErrorVariable err | Should -BeNullOrEmpty
        Get-CommerceSalesOrder -TransactionId $s.AnnOrder.TransactionId -AccountNumber $s.Bob -ErrorVariable +err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
        Get-CommerceSalesOrder -SalesOrderId $bobs.SalesId -Channel S0001 -ErrorAction SilentlyContinue -ErrorVariable other | Should -BeNullOrEmpty
        $other.FullyQualifiedErrorId | Should -Be 'SalesOrderNotFound,CommerceSync.GetCommerceSalesOrder' -Because 'at that store the order does not exist'
        "$other" | Should -Match 'at channel S0001'
    }

    It 'completes sales order ids' {
        $ids = (TabExpansion2 -inputScript 'Get-CommerceSalesOrder -SalesOrderId SO' -cursorColumn 38).CompletionMatches.CompletionText
        @($ids) | Should -Be @($s.Orders.SalesId | Sort-Object)
    }
}

Describe 'Get-CommerceLoyaltyCard' {
    BeforeAll {
        $s = New-OrderStore
        $cards = @(
            Add-CommerceLoyaltyCard -Channel S0001 -AccountNumber $s.Ann
            Add-CommerceLoyaltyCard -Channel S0002 -AccountNumber $s.Ann
            Add-CommerceLoyaltyCard -Channel S0002 -AccountNumber $s.Bob
        )
    }

    It 'lists the cards Add-CommerceLoyaltyCard issued, with their values' {
        $all = @(Get-CommerceLoyaltyCard)
        $all | Should -HaveCount 3
        $all | Should -BeOfType CommerceSync.LoyaltyCard
        foreach ($made in $cards) {
            $c = $all | Where-Object CardNumber -eq $made.CardNumber
            foreach ($p in 'DataAreaId', 'AccountNumber', 'ChannelId', 'IssuedAt') { $c.$p | Should -Be $made.$p -Because "$p of $($made.CardNumber)" }
        }
        $all.Store | Select-Object -Unique | Should -Not -BeNullOrEmpty
    }

    It 'filters by <Filter>' -ForEach @(
        @{ Filter = '-CardNumber'; Script = { Get-CommerceLoyaltyCard -CardNumber $cards[1].CardNumber }; Expected = { $cards[1].CardNumber } }
        @{ Filter = '-AccountNumber'; Script = { Get-CommerceLoyaltyCard -AccountNumber $s.Ann }; Expected = { $cards[0].CardNumber, $cards[1].CardNumber } }
        @{ Filter = '-Channel'; Script = { Get-CommerceLoyaltyCard -Channel S0002 }; Expected = { $cards[1].CardNumber, $cards[2].CardNumber } }
        @{ Filter = 'a -Channel wildcard and -AccountNumber'; Script = { Get-CommerceLoyaltyCard 'S*2' -AccountNumber $s.Bob }; Expected = { $cards[2].CardNumber } }
    ) {
        @((& $Script).CardNumber | Sort-Object) | Should -Be @(& $Expected | Sort-Object)
    }

    It 'lists the cards of each customer piped in, at every store, and none for a customer pending sync' {
        @((Get-CommerceCustomer -AccountNumber $s.Ann | Get-CommerceLoyaltyCard).ChannelId | Sort-Object) | Should -Be @('S0001', 'S0002')
        @(Get-CommerceCustomer | Get-CommerceLoyaltyCard).Count | Should -Be 3
        @((Get-AsyncCustomer -Channel S0001 | Where-Object FirstName -eq Ann | Get-CommerceLoyaltyCard).ChannelId | Sort-Object) | Should -Be @('S0001', 'S0002')
        @(Get-CommerceCustomer -Channel S0001 | Where-Object { -not $_.AccountNumber } | Get-CommerceLoyaltyCard) | Should -BeNullOrEmpty
        @(Get-CommerceLoyaltyCard | Get-CommerceLoyaltyCard).CardNumber | Should -Be @((Get-CommerceLoyaltyCard).CardNumber)
        @(Get-CommerceChannel S0001 | Get-CommerceLoyaltyCard).CardNumber | Should -Be $cards[0].CardNumber
    }

    It 'writes <ErrorId> for an unknown <Name>, and goes on with the rest of the pipeline' -ForEach @(
        @{ Name = 'card'; ErrorId = 'LoyaltyCardNotFound'; Unknown = @{ CardNumber = 'LC9999999999' } }
        @{ Name = 'customer'; ErrorId = 'CustomerNotFound'; Unknown = @{ AccountNumber = 'C999999' } }
    ) {
        $out = @([pscustomobject]$Unknown, $cards[2] | Get-CommerceLoyaltyCard -ErrorAction SilentlyContinue -ErrorVariable err)
        $out.CardNumber | Should -Be $cards[2].CardNumber
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "$ErrorId,CommerceSync.GetCommerceLoyaltyCard"
        $err[0].TargetObject | Should -Be @($Unknown.Values)[0]
    }

    It 'lists nothing, and no error, for a card that exists but not with the other filters' {
        Get-CommerceLoyaltyCard -CardNumber $cards[2].CardNumber -AccountNumber $s.Ann -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
        Get-CommerceLoyaltyCard -CardNumber $cards[2].CardNumber -Channel S0001 -ErrorAction SilentlyContinue -ErrorVariable other | Should -BeNullOrEmpty
        $other.FullyQualifiedErrorId | Should -Be 'LoyaltyCardNotFound,CommerceSync.GetCommerceLoyaltyCard'
    }

    It 'lists nothing, and no error, for a customer with no card' {
        $cleo = (New-AsyncCustomer S0001 -FirstName Dora | Invoke-PJob | Convert-AsyncCustomer).AccountNumber
        Get-CommerceLoyaltyCard -AccountNumber $cleo -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'completes card numbers' {
        $line = 'Get-CommerceLoyaltyCard -CardNumber LC'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @($cards.CardNumber | Sort-Object)
    }
}

Describe 'Reading orders and cards from a per-user default store that does not exist' -Skip:$PostgresPass {
    It 'creates nothing' {
        $r = Invoke-AsUser @'
try { Get-CommerceSalesOrder -ErrorAction Stop | Out-Null } catch { "orders: $($_.FullyQualifiedErrorId)" }
try { Get-CommerceLoyaltyCard -ErrorAction Stop | Out-Null } catch { "cards: $($_.FullyQualifiedErrorId)" }
'@
        $r.Output | Should -Match 'orders: StoreNotFound,CommerceSync.GetCommerceSalesOrder'
        $r.Output | Should -Match 'cards: StoreNotFound,CommerceSync.GetCommerceLoyaltyCard'
        $r.DefaultStore | Should -Not -Exist
        Split-Path $r.DefaultStore | Should -Not -Exist
    }
}
