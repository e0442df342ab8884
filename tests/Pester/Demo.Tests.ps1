# The demo a newcomer runs first (build.ps1 Demo): it must finish, and leave the store it made in the state it describes.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): skipped, the demo makes a store file of its own.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'The demo conversion' -Skip:$PostgresPass {
    BeforeAll {
        $demo = Join-Path $PSScriptRoot '../../build/Demo.ps1'
        # A fresh pwsh, as build.ps1 Demo starts it; a temp store, never the user's default one.
        $script:out = & $Pwsh -NoProfile -NonInteractive -File $demo 2>&1 | ForEach-Object { "$_" }
        $script:exit = $LASTEXITCODE
        $script:text = $out -join "`n"
        $script:path = if ($text -match '== Store: (.+?) \(') { $Matches[1] }
    }
    AfterAll { if ($path) { Remove-Item (Split-Path $path) -Recurse -Force -ErrorAction SilentlyContinue } }

    It 'runs to the end on a fresh temporary store' {
        $exit | Should -Be 0 -Because $text
        $path | Should -Exist
        $path | Should -BeLike "$([IO.Path]::GetTempPath().TrimEnd([IO.Path]::DirectorySeparatorChar))*" -Because "the demo never touches the default store unless asked"
        $text | Should -Match '== Running everything again changes nothing'
        $text | Should -Match 'Statements posted again: 0'
    }

    It 'leaves every valid customer converted and seen by every store, and the invalid ones Failed with a reason' {
        @(Get-AsyncCustomer -Store $path -Status Pending, Uploaded, Converted) | Should -BeNullOrEmpty
        $failed = @(Get-AsyncCustomer -Store $path -Status Failed)
        $failed.Count | Should -BeGreaterThan 0 -Because 'the demo makes a few customers with mistakes'
        $failed | ForEach-Object { $_.Error | Should -Not -BeNullOrEmpty }
        $distributed = @(Get-AsyncCustomer -Store $path -Status Distributed)
        $distributed.Count | Should -BeGreaterThan 250
        foreach ($channel in Get-CommerceChannel -Store $path) {
            # A store still shows the customers HQ refused as Pending sync, and no other.
            $pending = @(Get-CommerceCustomer -Store $path -Channel $channel.ChannelId | Where-Object SyncStatus -eq 'Pending sync')
            @($pending.AsyncCustomerId | Sort-Object) | Should -Be @($failed | Where-Object ChannelId -eq $channel.ChannelId | ForEach-Object AsyncCustomerId | Sort-Object)
            @(Get-CommerceCustomer -Store $path -Channel $channel.ChannelId | Where-Object SyncStatus -eq 'Synced').Count | Should -Be @(Get-CommerceCustomer -Store $path).Count
        }
        Test-CommerceStore -Store $path | Should -BeTrue
    }

    It 'shows the one-line record pipeline, the bulk form, orders and end of day, and the summaries' {
        $text | Should -Match ([regex]::Escape('Get-AsyncCustomer -Status Pending -Channel S0001 | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010'))
        $text | Should -Match ([regex]::Escape('Invoke-PJob -Channel S0002, S0003 | Convert-AsyncCustomer | Invoke-Job1010'))
        $text | Should -Match '== Before: per store'
        $text | Should -Match '== After: per store'
        $text | Should -Match 'Sync-CommerceOrder'
        $text | Should -Match 'Invoke-StatementPosting'
        @(Get-CommerceStatement -Store $path -Status Posted).Count | Should -BeGreaterThan 0
        # A new store posts in trickle feed: the sales went into invoiced sales orders, and end of day posted the financial statement.
        @(Get-CommerceSalesOrder -Store $path -Origin Statement | Where-Object Invoiced).Count | Should -BeGreaterThan 0
        @(Get-CommerceStatement -Store $path | Where-Object Kind -eq 'Financial').Count | Should -Be 1
    }
}
