# Customer attributes as HQ defines them: a type, a fixed list or a range, an attribute group, and the group the
# Commerce parameters name; what a POS and the sync job accept once it is named.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Attribute definitions (dev-itpro/customer-attributes.md)' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId R0001 | Out-Null
    }

    It 'defines attributes with a type, a fixed list or a range, and a group, and lists them' {
        # "select the type of data that can be entered"; "define a fixed list of values"; "define a range of valid values".
        $tier = New-CommerceCustomerAttribute -Name LoyaltyTier -DataType Text -AllowedValues Gold, Silver -Group Retail
        ($tier.Name, $tier.DataType, $tier.Group) | Should -Be @('LoyaltyTier', 'Text', 'Retail')
        $tier.AllowedValues | Should -Be @('Gold', 'Silver')
        $kids = New-CommerceCustomerAttribute Children Integer -Minimum 0 -Maximum 20 -Group Retail
        ($kids.Minimum, $kids.Maximum) | Should -Be @(0, 20)
        New-CommerceCustomerAttribute -Name Newsletter -DataType Boolean -Group Marketing | Out-Null
        (Get-CommerceCustomerAttribute).Name | Should -Be @('Newsletter', 'Children', 'LoyaltyTier')
        (Get-CommerceCustomerAttribute -Group Retail).Name | Should -Be @('Children', 'LoyaltyTier')
        (Get-CommerceCustomerAttribute -Name loyalty*).Name | Should -Be 'LoyaltyTier'
        { Get-CommerceCustomerAttribute -Name Nothing -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeNotDefined,*'
        Get-CommerceCustomerAttribute -Name Nothing* | Should -BeNullOrEmpty
    }

    It 'refuses a definition that cannot hold, and a name defined already' {
        # "The Fixed list check box is available only for the Text attribute type."
        { New-CommerceCustomerAttribute -Name Vip -DataType Boolean -AllowedValues yes -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAttributeDefinition,*'
        { New-CommerceCustomerAttribute -Name Kids -DataType Integer -Minimum 9 -Maximum 1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAttributeDefinition,*'
        { New-CommerceCustomerAttribute -Name Note -DataType Text -Maximum 1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAttributeDefinition,*'
        { New-CommerceCustomerAttribute -Name Birthday -DataType DateTime -ErrorAction Stop } | Should -Throw -Because 'datetime attribute types are not supported'
        New-CommerceCustomerAttribute -Name Kids -DataType Integer | Out-Null
        { New-CommerceCustomerAttribute -Name KIDS -DataType Text -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeExists,*'
        Get-CommerceCustomerAttribute | Should -HaveCount 1
    }

    It 'takes definitions from CSV rows, and -WhatIf defines nothing' {
        @('Name,DataType,Group', 'Newsletter,Boolean,Retail', 'ShoeSize,Decimal,Retail') | ConvertFrom-Csv | New-CommerceCustomerAttribute | Out-Null
        (Get-CommerceCustomerAttribute -Group Retail).DataType | Should -Be @('Boolean', 'Decimal')
        New-CommerceCustomerAttribute -Name Ghost -DataType Text -WhatIf
        Get-CommerceCustomerAttribute -Name Ghost -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'names the customer attribute group of the Commerce parameters on the store, and refuses a group with no attribute' {
        # "On the General tab, in the Customer attribute group field, select the attribute group that should be shown in POS."
        (Get-CommerceStore).CustomerAttributeGroup | Should -BeNullOrEmpty
        { Set-CommerceStore -CustomerAttributeGroup Retail -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeGroupNotFound,*'
        New-CommerceCustomerAttribute -Name LoyaltyTier -DataType Text -Group Retail | Out-Null
        (Set-CommerceStore -CustomerAttributeGroup retail -PassThru).CustomerAttributeGroup | Should -Be 'Retail'
        (Get-CommerceStore).CustomerAttributeGroup | Should -Be 'Retail'
        Set-CommerceStore -CustomerAttributeGroup ''
        (Get-CommerceStore).CustomerAttributeGroup | Should -BeNullOrEmpty
    }

    It 'takes attributes as free text at a store with no customer attribute group, as before' {
        New-CommerceCustomerAttribute -Name Children -DataType Integer -Maximum 5 -Group Retail | Out-Null
        $c = New-AsyncCustomer -Channel S0001 -FirstName Free -Attribute @{ Children = 'many'; Anything = 42 }
        ($c.Attributes | Sort-Object Name).DataType | Should -Be @('Integer', 'Text')
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes | Should -HaveCount 2
    }

    Context 'with the group set' {
        BeforeEach {
            New-CommerceCustomerAttribute -Name LoyaltyTier -DataType Text -AllowedValues Gold, Silver -Group Retail | Out-Null
            New-CommerceCustomerAttribute -Name Children -DataType Integer -Minimum 0 -Maximum 20 -Group Retail | Out-Null
            New-CommerceCustomerAttribute -Name Newsletter -DataType Boolean -Group Retail | Out-Null
            New-CommerceCustomerAttribute -Name Segment -DataType Text -Group Marketing | Out-Null
            Set-CommerceStore -CustomerAttributeGroup Retail
        }

        It 'refuses at the POS a value outside its definition: <Why>' -ForEach @(
            @{ Why = 'not in the group'; Attribute = @{ Segment = 'A' }; ErrorId = 'AttributeNotDefined' }
            @{ Why = 'not defined at all'; Attribute = @{ ShoeSize = 9 }; ErrorId = 'AttributeNotDefined' }
            @{ Why = 'not in the fixed list'; Attribute = @{ LoyaltyTier = 'Platinum' }; ErrorId = 'AttributeValueNotAllowed' }
            @{ Why = 'not an integer'; Attribute = @{ Children = 'two' }; ErrorId = 'AttributeWrongType' }
            @{ Why = 'not a boolean'; Attribute = @{ Newsletter = 'maybe' }; ErrorId = 'AttributeWrongType' }
            @{ Why = 'above the range'; Attribute = @{ Children = 21 }; ErrorId = 'AttributeOutOfRange' }
            @{ Why = 'a datetime'; Attribute = @{ Children = [datetime]'2020-01-01' }; ErrorId = 'AttributeTypeNotSupported' }
        ) {
            { New-AsyncCustomer -Channel S0001 -FirstName Refused -Attribute $Attribute -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
            { New-CommerceCustomer -Channel R0001 -FirstName Refused -Attribute $Attribute -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
            Get-AsyncCustomer | Should -BeNullOrEmpty
            Get-CommerceCustomer | Should -BeNullOrEmpty
        }

        It 'takes a value as its definition reads it, in the definition spelling, at the POS and in real time' {
            $c = New-AsyncCustomer -Channel S0001 -FirstName Ok -Attribute @{ loyaltytier = 'gold'; Children = '3'; Newsletter = 'True' }
            $a = $c.Attributes | Sort-Object Name
            $a.Name | Should -Be @('Children', 'LoyaltyTier', 'Newsletter')
            $a.Value | Should -Be @('3', 'Gold', 'true')
            $a.DataType | Should -Be @('Integer', 'Text', 'Boolean')
            Invoke-PJob | Convert-AsyncCustomer | Out-Null
            ((Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes | Sort-Object Name).Value | Should -Be @('3', 'Gold', 'true')
            $rt = New-CommerceCustomer -Channel R0001 -FirstName RealTime -Attribute @{ Children = 2 }
            $rt.Attributes.Value | Should -Be '2'
        }

        It 'refuses an edit at the POS whose value its definition refuses' {
            $c = New-AsyncCustomer -Channel S0001 -FirstName Edit
            { $c | Set-AsyncCustomer -Attribute @{ Children = -1 } -ErrorAction Stop } | Should -Throw -ErrorId 'AttributeOutOfRange,*'
            ($c | Set-AsyncCustomer -Attribute @{ children = 1.0 } -PassThru).Attributes | ForEach-Object { $_.Name, $_.Value } | Should -Be @('Children', '1')
        }

        It 'fails at HQ an attribute operation recorded before its definition, with the reason, and converts the customer' {
            Set-CommerceStore -CustomerAttributeGroup ''
            $c = New-AsyncCustomer -Channel S0001 -FirstName Early -Attribute @{ LoyaltyTier = 'Platinum'; children = '4'; Newsletter = 'TRUE'; Segment = 'B' }
            Set-CommerceStore -CustomerAttributeGroup Retail
            Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
            (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).AccountNumber | Should -Not -BeNullOrEmpty
            $failed = Get-AsyncCustomerOperation -Kind Attribute -SyncStatus Failed | Sort-Object AttributeName
            $failed.AttributeName | Should -Be @('LoyaltyTier', 'Segment')
            $failed[0].Error | Should -Be "Attribute 'LoyaltyTier' takes one of Gold, Silver; the value given is not in that list."
            $failed[1].Error | Should -BeLike "Attribute 'Segment' is not in the store's customer attribute group 'Retail'*"
            $applied = (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes | Sort-Object Name
            $applied | ForEach-Object { "$($_.Name)=$($_.DataType):$($_.Value)" } | Should -Be @('Children=Integer:4', 'Newsletter=Boolean:true') -Because 'HQ applies what it accepts as its definition reads it'
            (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Attributes.Name | Should -Contain 'children' -Because "the channel's row stays as the POS recorded it"
        }

        It 'fails at HQ an operation whose definition changed since: a narrower group' {
            $c = New-AsyncCustomer -Channel S0001 -FirstName Later -Attribute @{ Children = 4 }
            New-CommerceCustomerAttribute -Name Kids2 -DataType Integer -Group Small | Out-Null
            Set-CommerceStore -CustomerAttributeGroup Small
            Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
            (Get-AsyncCustomerOperation -Kind Attribute).SyncStatus | Should -Be 'Failed'
            (Get-AsyncCustomerOperation -Kind Attribute).Error | Should -BeLike "*not in the store's customer attribute group 'Small'*"
        }
    }
}
