# Errors, progress and formatting as a user sees them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Progress on long jobs' {
    It 'reports progress on a job of more than one chunk, and always completes it' {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        1..400 | ForEach-Object { [pscustomobject]@{ FirstName = "P$_" } } | New-AsyncCustomer -Channel S1 | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'; Connect-CommerceStore '$((Get-CommerceStore).Path)' | Out-Null; `$ProgressPreference = 'Continue'; Invoke-PJob -ChunkSize 2 | Out-Null")
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress | Where-Object Activity -like 'Upload to HQ*')
        }
        finally { $ps.Dispose() }
        $records.Count | Should -BeGreaterThan 1
        $records[-1].RecordType | Should -Be 'Completed'
        @($records | Where-Object RecordType -eq 'Processing').Count | Should -BeLessThan 200 -Because 'progress is throttled, not written per chunk'
    }
}

Describe 'Errors' {
    BeforeAll { New-TestStore | Out-Null; New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null }

    It 'writes a non-terminating error by default and a terminating one with -ErrorAction Stop' {
        Get-CommerceChannel NOPE -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        { Get-CommerceChannel NOPE -ErrorAction Stop } | Should -Throw -ErrorId 'ChannelNotFound,CommerceSync.GetCommerceChannel'
        { New-AsyncCustomer -Channel S1 -FirstName ' ' -ErrorAction Stop } | Should -Throw -ErrorId 'NameRequired,CommerceSync.NewAsyncCustomer'
    }

    It 'gives the right category and the offending value as target object' {
        New-AsyncCustomer -Channel NOPE -FirstName A -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'NOPE'
        New-CommerceChannel -ChannelId S1 -ErrorVariable e2 -ErrorAction SilentlyContinue | Out-Null
        $e2[0].CategoryInfo.Category | Should -Be 'ResourceExists'
    }
}

Describe 'Formats' {
    BeforeAll {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        $script:pending = New-AsyncCustomerAddress -Channel S1 -AsyncCustomerId (New-AsyncCustomer -Channel S1 -FirstName Fmt).AsyncCustomerId -Street x -Country USA
        New-CommerceTransaction -Channel S1 -Amount 2 | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $script:waiting = New-AsyncCustomer -Channel S1 -FirstName Waiting
    }

    It 'shows Pending sync in the Account column until the account is known, in an 80-column console' {
        $table = Get-AsyncCustomer | Format-Table | Out-String -Width 80
        ($table -split "`n" | Where-Object { $_ -match $waiting.AsyncCustomerId }) | Should -Match 'Pending sync'
        ($table -split "`n" | Where-Object { $_ -match 'C000001' }) | Should -Not -BeNullOrEmpty
    }

    It 'shows a duration for job runs' {
        (Get-CommerceJobRun | Format-Table | Out-String -Width 80) | Should -Match '\d+\.\d\ds'
    }

    It 'has a table and a list view for <Name>' -ForEach @(
        @{ Name = 'AsyncCustomer'; Get = { Get-AsyncCustomer } }
        @{ Name = 'AsyncAddress'; Get = { $pending } }
        @{ Name = 'Customer'; Get = { Get-CommerceCustomer } }
        @{ Name = 'Channel'; Get = { Get-CommerceChannel } }
        @{ Name = 'JobRun'; Get = { Get-CommerceJobRun } }
        @{ Name = 'Store'; Get = { Get-CommerceStore } }
        @{ Name = 'Transaction'; Get = { Get-CommerceTransaction } }
        @{ Name = 'AsyncCustomerOperation'; Get = { Get-AsyncCustomerOperation } }
        @{ Name = 'SyncReport'; Get = { Get-CommerceSyncReport } }
    ) {
        $objects = & $Get
        $objects | Should -Not -BeNullOrEmpty
        $type = @($objects)[0].GetType().FullName
        $views = Get-FormatData -TypeName $type
        @($views.FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }) | Sort-Object | Should -Be @('ListControl', 'TableControl')
        ($objects | Format-Table | Out-String).Trim() | Should -Not -BeNullOrEmpty
        ($objects | Format-List | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }
}
