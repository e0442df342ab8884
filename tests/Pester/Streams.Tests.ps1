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

Describe 'Progress says how far a job is, where, and nests a pipeline''s jobs' {
    BeforeAll {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S2 -AsyncCustomerMode | Out-Null

        # Runs a command in its own runspace (the progress stream cannot be redirected) and returns its progress records.
        function Get-ProgressOf([string] $Command) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModuleManifest'; Connect-CommerceStore '$((Get-CommerceStore).Path)' | Out-Null; `$ProgressPreference = 'Continue'; $Command | Out-Null")
                $null = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
                @($ps.Streams.Progress)
            }
            finally { $ps.Dispose() }
        }

        function Assert-Rising($Records, [switch] $WithTimeLeft) {
            $processing = @($Records | Where-Object RecordType -eq 'Processing')
            $processing.Count | Should -BeGreaterThan 1 -Because 'a run of many chunks updates its bar more than once'
            $processing.PercentComplete | ForEach-Object { $_ | Should -BeGreaterOrEqual 0; $_ | Should -BeLessOrEqual 100 }
            for ($i = 1; $i -lt $processing.Count; $i++) {
                $processing[$i].PercentComplete | Should -BeGreaterOrEqual $processing[$i - 1].PercentComplete -Because 'the percent only rises'
                if ($WithTimeLeft) { $processing[$i].SecondsRemaining | Should -BeGreaterOrEqual 0 -Because 'after the first update the time left is known' }
            }
            $processing[-1].PercentComplete | Should -BeGreaterThan $processing[0].PercentComplete
        }
    }

    It 'a bulk job shows the percent of what was due, the seconds left, the channel, and completes' {
        # A chunk per customer: long enough (a second or more) for the throttled bar to update several times.
        1..2000 | ForEach-Object { [pscustomobject]@{ Channel = "S$($_ % 2 + 1)"; FirstName = "B$_" } } | New-AsyncCustomer | Out-Null
        Invoke-PJob | Out-Null
        $records = Get-ProgressOf 'Convert-AsyncCustomer -ChunkSize 1'
        $records = @($records | Where-Object Activity -like 'Synchronize customers*')
        Assert-Rising $records -WithTimeLeft
        $records | Where-Object RecordType -eq 'Processing' | ForEach-Object { "$($_.StatusDescription) $($_.CurrentOperation)" | Should -Match '\bS[12]\b' }
        $records | Where-Object RecordType -eq 'Processing' | ForEach-Object { $_.StatusDescription | Should -Match '^\d+ of 2000 rows: ' }
        $records[-1].RecordType | Should -Be 'Completed'
        @($records | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
    }

    It 'a record-mode pipeline shows one parent bar with each job nested under it' {
        1..1000 | ForEach-Object { [pscustomobject]@{ Channel = "S$($_ % 2 + 1)"; FirstName = "R$_" } } | New-AsyncCustomer | Out-Null
        $records = Get-ProgressOf 'Invoke-PJob -InputObject (Get-AsyncCustomer -Status Pending) -ChunkSize 5 | Convert-AsyncCustomer -ChunkSize 5 | Invoke-Job1010 -ChunkSize 5'
        $parents = @($records | Where-Object ParentActivityId -lt 0)
        @($parents.ActivityId | Sort-Object -Unique).Count | Should -Be 1 -Because 'the pipeline has one parent bar'
        $parent = $parents[0]
        $parent.Activity | Should -Be 'Record mode: P-job | Synchronize customers and channel requests | 1010'
        $stages = @($records | Where-Object ParentActivityId -ge 0)
        $stages | ForEach-Object { $_.ParentActivityId | Should -Be $parent.ActivityId }
        @($stages.Activity | Sort-Object -Unique) | Should -Be @('Distribute customers (1010)', 'Synchronize customers and channel requests', 'Upload to HQ (P-job)')
        foreach ($activity in $stages.Activity | Sort-Object -Unique) {
            $own = @($stages | Where-Object Activity -eq $activity)
            $own[-1].RecordType | Should -Be 'Completed'
            @($own | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
            $own | Where-Object RecordType -eq 'Processing' | ForEach-Object { $_.CurrentOperation | Should -Match '^Channels? S[12]' }
        }
        # The first job was given its records: its bar, and so the parent's, know how far they are.
        Assert-Rising @($stages | Where-Object Activity -eq 'Upload to HQ (P-job)') -WithTimeLeft
        Assert-Rising $parents -WithTimeLeft
        $records[-1].ActivityId | Should -Be $parent.ActivityId
        $records[-1].RecordType | Should -Be 'Completed'
        @($parents | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
    }

    It 'a pipeline of jobs fed record by record nests them too, and completes every bar' {
        1..50 | ForEach-Object { [pscustomobject]@{ Channel = 'S1'; FirstName = "Q$_" } } | New-AsyncCustomer | Out-Null
        $records = Get-ProgressOf 'Get-AsyncCustomer -Status Pending | Invoke-PJob -ChunkSize 10 | Convert-AsyncCustomer -ChunkSize 10 | Invoke-Job1010 -ChunkSize 10'
        $parent = @($records | Where-Object ParentActivityId -lt 0)
        @($parent.ActivityId | Sort-Object -Unique).Count | Should -Be 1
        @($records | Where-Object ParentActivityId -ge 0) | ForEach-Object { $_.ParentActivityId | Should -Be $parent[0].ActivityId }
        @($records | Where-Object RecordType -eq 'Completed').Count | Should -Be 4 -Because 'three jobs and their parent each complete once'
        $parent.PercentComplete | ForEach-Object { $_ | Should -BeLessOrEqual 100 }
    }
}

Describe 'Progress and verbose output of every job' {
    BeforeAll {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S2 -AsyncCustomerMode | Out-Null
        $customers = 1..40 | ForEach-Object { [pscustomobject]@{ Channel = "S$($_ % 2 + 1)"; FirstName = "V$_" } } | New-AsyncCustomer
        $i = 0
        foreach ($c in $customers) {
            $i++
            $c | New-CommerceTransaction -Type CustomerOrder -Amount 3 | Out-Null
            $c | New-CommerceTransaction -Type CashAndCarry -Amount 2 -BusinessDate ([datetime]'2026-11-01').AddDays([math]::Floor($i / 2) % 10) | Out-Null
        }

        # Runs one job in its own runspace (the progress stream cannot be redirected) and returns what it wrote.
        function Invoke-Streamed([string] $Command) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModuleManifest'; Connect-CommerceStore '$((Get-CommerceStore).Path)' | Out-Null; `$ProgressPreference = 'Continue'; $Command -Verbose | Out-Null")
                $null = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
                [pscustomobject]@{ Progress = @($ps.Streams.Progress); Verbose = ($ps.Streams.Verbose.Message -join "`n") }
            }
            finally { $ps.Dispose() }
        }
    }

    # In the order an admin schedules them; each job of more than one chunk shows progress, completes it, and says what it did.
    It '<Command> shows progress and says what it did' -ForEach @(
        @{ Command = 'Invoke-PJob -ChunkSize 5'; Activity = 'Upload to HQ*'; Says = 'Uploaded \d+ rows' }
        @{ Command = 'Convert-AsyncCustomer -ChunkSize 5'; Activity = 'Synchronize customers*'; Says = '\d+ processed, 0 failed' }
        @{ Command = 'Invoke-Job1010 -ChunkSize 5'; Activity = 'Distribute customers*'; Says = 'Sent \d+ customers to S1' }
        @{ Command = 'Sync-CommerceOrder -ChunkSize 5'; Activity = 'Synchronize orders*'; Says = '40 processed, 0 failed' }
        @{ Command = 'Invoke-StatementPosting'; Activity = 'Statement posting*'; Says = '\d+ processed, 0 failed' }
    ) {
        $out = Invoke-Streamed $Command
        $records = @($out.Progress | Where-Object Activity -like $Activity)
        $records.Count | Should -BeGreaterThan 1
        $records[-1].RecordType | Should -Be 'Completed'
        $out.Verbose | Should -Match $Says
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
        # One object of every other output type, made the way a user makes it.
        $script:salesOrder = New-AsyncCustomer -Channel S1 -FirstName Orla | New-CommerceTransaction -Type CustomerOrder -Amount 5 | Invoke-PJob | Sync-CommerceOrder
        Set-CommerceChannel -ChannelId S1 -DefaultCustomer C000001 | Out-Null
        $script:statement = Invoke-StatementPosting
        $script:card = Add-CommerceLoyaltyCard -Channel S1 -AccountNumber C000001
        $script:change = Set-AsyncCustomer -Channel S1 -AsyncCustomerId $waiting.AsyncCustomerId -Email waiting@example.com -PassThru
        New-AsyncCustomer -Channel S1 -FirstName Zoe -Email zoe@example.com | Out-Null
        New-AsyncCustomer -Channel S1 -FirstName Zoe -Email ' ZOE@example.com' | Out-Null
        $script:transfer = Export-CommerceData -Path (Join-Path $TestDrive 'formats.jsonl')
    }

    It 'has a table and a list view for every type a cmdlet declares it outputs' {
        $types = (Get-Command -Module CommerceSync).OutputType.Type | Where-Object Namespace -like 'CommerceSync*' | Sort-Object FullName -Unique
        $types.Count | Should -BeGreaterOrEqual 17
        foreach ($t in $types) {
            $controls = @((Get-FormatData -TypeName $t.FullName).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name })
            $controls | Should -Contain 'TableControl' -Because "$($t.Name) needs a table view"
            $controls | Should -Contain 'ListControl' -Because "$($t.Name) needs a list view"
        }
    }

    It 'shows Pending sync in the AccountNumber column until the account is known, in an 80-column console' {
        $table = Get-AsyncCustomer | Format-Table | Out-String -Width 80
        ($table -split "`n" | Where-Object { $_ -match '\bWaiting\b' }) | Should -Match 'Pending sync'
        ($table -split "`n" | Where-Object { $_ -match 'C000001' }) | Should -Not -BeNullOrEmpty
        # The GUID leaves the 80-column table room for the name and the error; the wide view shows it beside the account.
        $wide = Get-AsyncCustomer | Format-Table -View Wide | Out-String -Width 120
        ($wide -split "`n" | Where-Object { $_ -match $waiting.AsyncCustomerId }) | Should -Match 'Pending sync'
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
        @{ Name = 'SalesOrder'; Get = { $salesOrder } }
        @{ Name = 'Statement'; Get = { $statement } }
        @{ Name = 'LoyaltyCard'; Get = { $card } }
        @{ Name = 'AsyncCustomerChange'; Get = { $change } }
        @{ Name = 'SyncCheck'; Get = { Test-CommerceSync -Detailed } }
        @{ Name = 'DuplicateCandidate'; Get = { Find-CommerceDuplicateCustomer -MinimumScore 0.5 } }
        @{ Name = 'TransferResult'; Get = { $transfer } }
        @{ Name = 'IntegrityViolation'; Get = { Test-CommerceStore -Detailed } }
    ) {
        $objects = & $Get
        $objects | Should -Not -BeNullOrEmpty
        $type = @($objects)[0].GetType().FullName
        @($objects)[0].GetType().Name | Should -Be $Name
        $views = Get-FormatData -TypeName $type
        # The table first (what Out-Default shows), then the list; a type may add named tables (Format-Table -View Wide).
        $controls = @($views.FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name })
        $controls[0] | Should -Be 'TableControl'
        @($controls | Where-Object { $_ -eq 'ListControl' }).Count | Should -Be 1
        ($objects | Format-Table | Out-String).Trim() | Should -Not -BeNullOrEmpty
        ($objects | Format-List | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }
}
