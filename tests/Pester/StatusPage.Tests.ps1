# The Customer synchronization status page as the doc describes it: a brief description of each change, an attribute's
# old and new values, and a failed attribute value an admin edits, saves and synchronizes again.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'The customer synchronization status page (audit-async-customer-operations.md)' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -Country DEU | Out-Null
    }

    It 'describes each change briefly: <Kind>' -ForEach @(
        @{ Kind = 'Customer'; Expected = 'Create customer Ann Lee' }
        @{ Kind = 'Address'; Expected = 'Add address Home, Berlin' }
        @{ Kind = 'Attribute'; Expected = 'Set attribute LoyaltyTier' }
        @{ Kind = 'Contact'; Expected = 'Add email contact' }
        @{ Kind = 'Affiliation'; Expected = 'Add affiliation Employee' }
    ) {
        # "View a brief description of the change along with the status to understand the operation at high-level."
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee -City Berlin -Attribute @{ LoyaltyTier = 'Gold' }
        $c | Set-AsyncCustomer -AddEmail ann@example.com -Affiliation Employee | Out-Null
        (Get-AsyncCustomerOperation -Kind $Kind | Select-Object -First 1).ChangeDescription | Should -Be $Expected
    }

    It 'describes edits and deactivations as such' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee
        $c | Set-AsyncCustomer -LastName Berg -RemoveAffiliation Student | Out-Null
        $c | Disable-AsyncCustomer | Out-Null
        (Get-AsyncCustomerOperation -Kind Customer).ChangeDescription | Should -Be @('Create customer Ann Lee', 'Update customer Berg', 'Deactivate customer')
        (Get-AsyncCustomerOperation -Kind Affiliation).ChangeDescription | Should -Be 'Remove affiliation Student'
    }

    It "shows an attribute's old and new values: HQ's value before the operation, kept once it is applied" {
        # "Section that shows table of all customer attributes name, old and new values."
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee -Attribute @{ LoyaltyTier = 'Silver' }
        $create = Get-AsyncCustomerOperation -Kind Attribute
        ($create.OldValue, $create.NewValue) | Should -Be @($null, 'Silver') -Because 'HQ has no value for a customer it has not created'
        $c | Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $c | Set-AsyncCustomer -Attribute @{ LoyaltyTier = 'Gold' } | Out-Null
        $edit = Get-AsyncCustomerOperation -Kind Attribute | Select-Object -Last 1
        ($edit.ChangeDescription, $edit.OldValue, $edit.NewValue) | Should -Be @('Set attribute LoyaltyTier', 'Silver', 'Gold')
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $done = Get-AsyncCustomerOperation -Kind Attribute | Select-Object -Last 1
        ($done.SyncStatus, $done.OldValue, $done.NewValue) | Should -Be @('Completed', 'Silver', 'Gold') -Because 'the old value is the one HQ had before, not its value now'
        (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes.Value | Should -Be 'Gold'
        $other = Get-AsyncCustomerOperation -Kind Customer
        ($other.OldValue, $other.NewValue) | Should -Be @($null, $null) -Because 'only attribute operations have old and new values'
    }

    It 'shows the description and the values in the list view, and keeps the default table whole at 80 columns' {
        New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee -Attribute @{ LoyaltyTier = 'Gold' } | Out-Null
        $list = Get-AsyncCustomerOperation -Kind Attribute | Format-List | Out-String -Width 80
        $list | Should -Match 'ChangeDescription\s*: Set attribute LoyaltyTier'
        $list | Should -Match 'NewValue\s*: Gold'
        $list | Should -Match 'OldValue\s*:'
        Get-AsyncCustomerOperation -Kind Customer | Format-List | Out-String | Should -Not -Match 'OldValue'
        $table = (Get-AsyncCustomerOperation | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_ }
        $table[0] | Should -Match 'ChannelId\s+ReplicationCounter\s+Kind\s+Operation\s+SyncStatus\s+Error' -Because 'Set-AsyncCustomerOperation takes the counter the table shows'
        $table | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    Context 'an attribute value HQ refused' {
        BeforeEach {
            # Recorded while attributes were free text, then the store names its customer attribute group.
            $script:c = New-AsyncCustomer -Channel S0001 -FirstName Ann -LastName Lee -Attribute @{ LoyaltyTier = 'Platinum' }
            New-CommerceCustomerAttribute -Name LoyaltyTier -DataType Text -AllowedValues Gold, Silver -Group Retail | Out-Null
            New-CommerceCustomerAttribute -Name Children -DataType Integer -Minimum 0 -Maximum 20 -Group Retail | Out-Null
            Set-CommerceStore -CustomerAttributeGroup Retail
            Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
            $script:failed = Get-AsyncCustomerOperation -Kind Attribute -SyncStatus Failed
        }

        It 'is edited, saved and synchronized again' {
            # "This is the section you can edit if you want to change your customer attribute values to fix and then synchronize again."
            $failed | Should -HaveCount 1
            ($failed.ChangeDescription, $failed.OldValue, $failed.NewValue) | Should -Be @('Set attribute LoyaltyTier', $null, 'Platinum')
            $fixed = $failed | Set-AsyncCustomerOperation -Attribute @{ loyaltytier = 'silver' } -PassThru
            ($fixed.SyncStatus, $fixed.NewValue, $fixed.Error) | Should -Be @('Pending', 'Silver', $null)
            Convert-AsyncCustomer | Out-Null
            (Get-AsyncCustomerOperation -Kind Attribute).SyncStatus | Should -Be 'Completed'
            (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes.Value | Should -Be 'Silver'
        }

        It 'is checked against its definition as the POS checks it, and stays failed when refused' {
            { $failed | Set-AsyncCustomerOperation -Attribute @{ LoyaltyTier = 'Bronze' } -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeValueNotAllowed,*'
            { $failed | Set-AsyncCustomerOperation -Attribute @{ LoyaltyTier = [datetime]'2020-01-01' } -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeTypeNotSupported,*'
            { $failed | Set-AsyncCustomerOperation -Attribute @{ Children = 3 } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,*' -Because 'the operation sets LoyaltyTier'
            $still = Get-AsyncCustomerOperation -Kind Attribute
            ($still.SyncStatus, $still.NewValue) | Should -Be @('Failed', 'Platinum')
        }

        It 'is the only kind -Attribute corrects' {
            $customer = Get-AsyncCustomerOperation -Kind Customer
            { $customer | Set-AsyncCustomerOperation -Attribute @{ LoyaltyTier = 'Gold' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,*'
        }

        It 'goes back to pending as it is when given no value, for a definition that changed' {
            Set-CommerceStore -CustomerAttributeGroup ''
            ($failed | Set-AsyncCustomerOperation -PassThru).SyncStatus | Should -Be 'Pending'
            Convert-AsyncCustomer | Out-Null
            (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes.Value | Should -Be 'Platinum' -Because 'a store with no group takes attributes as free text'
        }
    }
}
