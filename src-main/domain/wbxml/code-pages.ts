/**
 * The EAS tag tables, code pages 0–25 (MS-ASWBXML §2.1.2.1). Token numbers and names are facts of
 * the specification. Each page is a list of tag names from token 0x05 up; '' marks a token the
 * specification leaves unused. Page 25 (Find, 16.1) comes from eas-reference.md §4.2.
 *
 * Where Debian's libwbxml 0.11.8 (our test oracle) prints a different name for the same token, the
 * specification's name is used here (the one Exchange writes in mailbox logs) and the difference is
 * listed in LIBWBXML_NAME_DIFFERENCES, which the oracle tests apply to libwbxml's output.
 */
export interface CodePage {
  /** The namespace as mailbox logs write it, without the trailing colon. */
  readonly namespace: string;
  /** Tag names for tokens 0x05, 0x06, …; '' for an unused token. */
  readonly tags: readonly string[];
}

export const FIRST_TAG_TOKEN = 0x05;

export const CODE_PAGES: readonly CodePage[] = [
  // 0
  { namespace: 'AirSync', tags: ['Sync', 'Responses', 'Add', 'Change', 'Delete', 'Fetch', 'SyncKey', 'ClientId', 'ServerId', 'Status', 'Collection', 'Class', 'Version', 'CollectionId', 'GetChanges', 'MoreAvailable', 'WindowSize', 'Commands', 'Options', 'FilterType', 'Truncation', 'RTFTruncation', 'Conflict', 'Collections', 'ApplicationData', 'DeletesAsMoves', 'NotifyGUID', 'Supported', 'SoftDelete', 'MIMESupport', 'MIMETruncation', 'Wait', 'Limit', 'Partial', 'ConversationMode', 'MaxItems', 'HeartbeatInterval'] },
  // 1
  { namespace: 'Contacts', tags: ['Anniversary', 'AssistantName', 'AssistantTelephoneNumber', 'Birthday', 'Body', 'BodySize', 'BodyTruncated', 'Business2PhoneNumber', 'BusinessCity', 'BusinessCountry', 'BusinessPostalCode', 'BusinessState', 'BusinessStreet', 'BusinessFaxNumber', 'BusinessPhoneNumber', 'CarPhoneNumber', 'Categories', 'Category', 'Children', 'Child', 'CompanyName', 'Department', 'Email1Address', 'Email2Address', 'Email3Address', 'FileAs', 'FirstName', 'Home2PhoneNumber', 'HomeCity', 'HomeCountry', 'HomePostalCode', 'HomeState', 'HomeStreet', 'HomeFaxNumber', 'HomePhoneNumber', 'JobTitle', 'LastName', 'MiddleName', 'MobilePhoneNumber', 'OfficeLocation', 'OtherCity', 'OtherCountry', 'OtherPostalCode', 'OtherState', 'OtherStreet', 'PagerNumber', 'RadioPhoneNumber', 'Spouse', 'Suffix', 'Title', 'WebPage', 'YomiCompanyName', 'YomiFirstName', 'YomiLastName', 'CompressedRTF', 'Picture', 'Alias', 'WeightedRank'] },
  // 2
  { namespace: 'Email', tags: ['Attachment', 'Attachments', 'AttName', 'AttSize', 'AttOId', 'AttMethod', 'AttRemoved', 'Body', 'BodySize', 'BodyTruncated', 'DateReceived', 'DisplayName', 'DisplayTo', 'Importance', 'MessageClass', 'Subject', 'Read', 'To', 'Cc', 'From', 'ReplyTo', 'AllDayEvent', 'Categories', 'Category', 'DtStamp', 'EndTime', 'InstanceType', 'BusyStatus', 'Location', 'MeetingRequest', 'Organizer', 'RecurrenceId', 'Reminder', 'ResponseRequested', 'Recurrences', 'Recurrence', 'Type', 'Until', 'Occurrences', 'Interval', 'DayOfWeek', 'DayOfMonth', 'WeekOfMonth', 'MonthOfYear', 'StartTime', 'Sensitivity', 'Timezone', 'GlobalObjId', 'ThreadTopic', 'MIMEData', 'MIMETruncated', 'MIMESize', 'InternetCPID', 'Flag', 'FlagStatus', 'ContentClass', 'FlagType', 'CompleteTime', 'DisallowNewTimeProposal'] },
  // 3
  { namespace: 'AirNotify', tags: ['Notify', 'Notification', 'Version', 'LifeTime', 'DeviceInfo', 'Enable', 'Folder', 'ServerId', 'DeviceAddress', 'ValidCarrierProfiles', 'CarrierProfile', 'Status', 'Responses', 'Devices', 'Device', 'Id', 'Expiry', 'NotifyGUID', 'DeviceFriendlyName'] },
  // 4
  { namespace: 'Calendar', tags: ['Timezone', 'AllDayEvent', 'Attendees', 'Attendee', 'Email', 'Name', 'Body', 'BodyTruncated', 'BusyStatus', 'Categories', 'Category', 'Compressed_RTF', 'DtStamp', 'EndTime', 'Exception', 'Exceptions', 'Deleted', 'ExceptionStartTime', 'Location', 'MeetingStatus', 'OrganizerEmail', 'OrganizerName', 'Recurrence', 'Type', 'Until', 'Occurrences', 'Interval', 'DayOfWeek', 'DayOfMonth', 'WeekOfMonth', 'MonthOfYear', 'Reminder', 'Sensitivity', 'Subject', 'StartTime', 'UID', 'AttendeeStatus', 'AttendeeType', '', '', '', '', '', '', '', '', 'DisallowNewTimeProposal', 'ResponseRequested', 'AppointmentReplyTime', 'ResponseType', 'CalendarType', 'IsLeapMonth', 'FirstDayOfWeek', 'OnlineMeetingConfLink', 'OnlineMeetingExternalLink', 'ClientUid'] },
  // 5
  { namespace: 'Move', tags: ['MoveItems', 'Move', 'SrcMsgId', 'SrcFldId', 'DstFldId', 'Response', 'Status', 'DstMsgId'] },
  // 6
  { namespace: 'GetItemEstimate', tags: ['GetItemEstimate', 'Version', 'Collections', 'Collection', 'Class', 'CollectionId', 'DateTime', 'Estimate', 'Response', 'Status'] },
  // 7
  { namespace: 'FolderHierarchy', tags: ['Folders', 'Folder', 'DisplayName', 'ServerId', 'ParentId', 'Type', 'Response', 'Status', 'ContentClass', 'Changes', 'Add', 'Delete', 'Update', 'SyncKey', 'FolderCreate', 'FolderDelete', 'FolderUpdate', 'FolderSync', 'Count', 'Version'] },
  // 8
  { namespace: 'MeetingResponse', tags: ['CalendarId', 'CollectionId', 'MeetingResponse', 'RequestId', 'Request', 'Result', 'Status', 'UserResponse', 'Version', 'InstanceId', '', '', '', 'SendResponse'] },
  // 9
  { namespace: 'Tasks', tags: ['Body', 'BodySize', 'BodyTruncated', 'Categories', 'Category', 'Complete', 'DateCompleted', 'DueDate', 'UTCDueDate', 'Importance', 'Recurrence', 'Type', 'Start', 'Until', 'Occurrences', 'Interval', 'DayOfMonth', 'DayOfWeek', 'WeekOfMonth', 'MonthOfYear', 'Regenerate', 'DeadOccur', 'ReminderSet', 'ReminderTime', 'Sensitivity', 'StartDate', 'UTCStartDate', 'Subject', 'CompressedRTF', 'OrdinalDate', 'SubOrdinalDate', 'CalendarType', 'IsLeapMonth', 'FirstDayOfWeek'] },
  // 10
  { namespace: 'ResolveRecipients', tags: ['ResolveRecipients', 'Response', 'Status', 'Type', 'Recipient', 'DisplayName', 'EmailAddress', 'Certificates', 'Certificate', 'MiniCertificate', 'Options', 'To', 'CertificateRetrieval', 'RecipientCount', 'MaxCertificates', 'MaxAmbiguousRecipients', 'CertificateCount', 'Availability', 'StartTime', 'EndTime', 'MergedFreeBusy', 'Picture', 'MaxSize', 'Data', 'MaxPictures'] },
  // 11
  { namespace: 'ValidateCert', tags: ['ValidateCert', 'Certificates', 'Certificate', 'CertificateChain', 'CheckCRL', 'Status'] },
  // 12
  { namespace: 'Contacts2', tags: ['CustomerId', 'GovernmentId', 'IMAddress', 'IMAddress2', 'IMAddress3', 'ManagerName', 'CompanyMainPhone', 'AccountName', 'NickName', 'MMS'] },
  // 13
  { namespace: 'Ping', tags: ['Ping', 'AutdState', 'Status', 'HeartbeatInterval', 'Folders', 'Folder', 'Id', 'Class', 'MaxFolders'] },
  // 14
  { namespace: 'Provision', tags: ['Provision', 'Policies', 'Policy', 'PolicyType', 'PolicyKey', 'Data', 'Status', 'RemoteWipe', 'EASProvisionDoc', 'DevicePasswordEnabled', 'AlphanumericDevicePasswordRequired', 'DeviceEncryptionEnabled', 'PasswordRecoveryEnabled', 'DocumentBrowseEnabled', 'AttachmentsEnabled', 'MinDevicePasswordLength', 'MaxInactivityTimeDeviceLock', 'MaxDevicePasswordFailedAttempts', 'MaxAttachmentSize', 'AllowSimpleDevicePassword', 'DevicePasswordExpiration', 'DevicePasswordHistory', 'AllowStorageCard', 'AllowCamera', 'RequireDeviceEncryption', 'AllowUnsignedApplications', 'AllowUnsignedInstallationPackages', 'MinDevicePasswordComplexCharacters', 'AllowWiFi', 'AllowTextMessaging', 'AllowPOPIMAPEmail', 'AllowBluetooth', 'AllowIrDA', 'RequireManualSyncWhenRoaming', 'AllowDesktopSync', 'MaxCalendarAgeFilter', 'AllowHTMLEmail', 'MaxEmailAgeFilter', 'MaxEmailBodyTruncationSize', 'MaxEmailHTMLBodyTruncationSize', 'RequireSignedSMIMEMessages', 'RequireEncryptedSMIMEMessages', 'RequireSignedSMIMEAlgorithm', 'RequireEncryptionSMIMEAlgorithm', 'AllowSMIMEEncryptionAlgorithmNegotiation', 'AllowSMIMESoftCerts', 'AllowBrowser', 'AllowConsumerEmail', 'AllowRemoteDesktop', 'AllowInternetSharing', 'UnapprovedInROMApplicationList', 'ApplicationName', 'ApprovedApplicationList', 'Hash'] },
  // 15
  { namespace: 'Search', tags: ['Search', '', 'Store', 'Name', 'Query', 'Options', 'Range', 'Status', 'Response', 'Result', 'Properties', 'Total', 'EqualTo', 'Value', 'And', 'Or', 'FreeText', '', 'DeepTraversal', 'LongId', 'RebuildResults', 'LessThan', 'GreaterThan', 'Schema', 'Supported', 'UserName', 'Password', 'ConversationId', 'Picture', 'MaxSize', 'MaxPictures'] },
  // 16
  { namespace: 'GAL', tags: ['DisplayName', 'Phone', 'Office', 'Title', 'Company', 'Alias', 'FirstName', 'LastName', 'HomePhone', 'MobilePhone', 'EmailAddress', 'Picture', 'Status', 'Data'] },
  // 17
  { namespace: 'AirSyncBase', tags: ['BodyPreference', 'Type', 'TruncationSize', 'AllOrNone', '', 'Body', 'Data', 'EstimatedDataSize', 'Truncated', 'Attachments', 'Attachment', 'DisplayName', 'FileReference', 'Method', 'ContentId', 'ContentLocation', 'IsInline', 'NativeBodyType', 'ContentType', 'Preview', 'BodyPartPreference', 'BodyPart', 'Status', 'Add', 'Delete', 'ClientId', 'Content', 'Location', 'Annotation', 'Street', 'City', 'State', 'Country', 'PostalCode', 'Latitude', 'Longitude', 'Accuracy', 'Altitude', 'AltitudeAccuracy', 'LocationUri', 'InstanceId'] },
  // 18
  { namespace: 'Settings', tags: ['Settings', 'Status', 'Get', 'Set', 'Oof', 'OofState', 'StartTime', 'EndTime', 'OofMessage', 'AppliesToInternal', 'AppliesToExternalKnown', 'AppliesToExternalUnknown', 'Enabled', 'ReplyMessage', 'BodyType', 'DevicePassword', 'Password', 'DeviceInformation', 'Model', 'IMEI', 'FriendlyName', 'OS', 'OSLanguage', 'PhoneNumber', 'UserInformation', 'EmailAddresses', 'SmtpAddress', 'UserAgent', 'EnableOutboundSMS', 'MobileOperator', 'PrimarySmtpAddress', 'Accounts', 'Account', 'AccountId', 'AccountName', 'UserDisplayName', 'SendDisabled', '', 'RightsManagementInformation'] },
  // 19
  { namespace: 'DocumentLibrary', tags: ['LinkId', 'DisplayName', 'IsFolder', 'CreationDate', 'LastModifiedDate', 'IsHidden', 'ContentLength', 'ContentType'] },
  // 20
  { namespace: 'ItemOperations', tags: ['ItemOperations', 'Fetch', 'Store', 'Options', 'Range', 'Total', 'Properties', 'Data', 'Status', 'Response', 'Version', 'Schema', 'Part', 'EmptyFolderContents', 'DeleteSubFolders', 'UserName', 'Password', 'Move', 'DstFldId', 'ConversationId', 'MoveAlways'] },
  // 21
  { namespace: 'ComposeMail', tags: ['SendMail', 'SmartForward', 'SmartReply', 'SaveInSentItems', 'ReplaceMime', '', 'Source', 'FolderId', 'ItemId', 'LongId', 'InstanceId', 'MIME', 'ClientId', 'Status', 'AccountId', '', 'Forwardees', 'Forwardee', 'ForwardeeName', 'ForwardeeEmail'] },
  // 22
  { namespace: 'Email2', tags: ['UmCallerID', 'UmUserNotes', 'UmAttDuration', 'UmAttOrder', 'ConversationId', 'ConversationIndex', 'LastVerbExecuted', 'LastVerbExecutionTime', 'ReceivedAsBcc', 'Sender', 'CalendarType', 'IsLeapMonth', 'AccountId', 'FirstDayOfWeek', 'MeetingMessageType', '', 'IsDraft', 'Bcc', 'Send'] },
  // 23
  { namespace: 'Notes', tags: ['Subject', 'MessageClass', 'LastModifiedDate', 'Categories', 'Category'] },
  // 24
  { namespace: 'RightsManagement', tags: ['RightsManagementSupport', 'RightsManagementTemplates', 'RightsManagementTemplate', 'RightsManagementLicense', 'EditAllowed', 'ReplyAllowed', 'ReplyAllAllowed', 'ForwardAllowed', 'ModifyRecipientsAllowed', 'ExtractAllowed', 'PrintAllowed', 'ExportAllowed', 'ProgrammaticAccessAllowed', 'RMOwner', 'ContentExpiryDate', 'TemplateID', 'TemplateName', 'TemplateDescription', 'ContentOwner', 'RemoveRightsManagementDistribution'] },
  // 25
  { namespace: 'Find', tags: ['Find', 'SearchId', 'ExecuteSearch', 'MailBoxSearchCriterion', 'Query', 'Status', 'FreeText', 'Options', 'Range', 'DeepTraversal', '', '', 'Response', 'Result', 'Properties', 'Preview', 'HasAttachments', 'Total', 'DisplayCc', 'DisplayBcc', 'GalSearchCriterion', '', '', '', '', '', '', 'MaxPictures', 'MaxSize', 'Picture'] },
];

/** [page, token, libwbxml 0.11.8 name, specification name]: names the oracle prints differently. */
export const LIBWBXML_NAME_DIFFERENCES: readonly (readonly [number, number, string, string])[] = [
  [2, 0x19, 'Reply-To', 'ReplyTo'],
  [2, 0x1D, 'DTStamp', 'DtStamp'],
  [2, 0x29, 'Recurrence_Type', 'Type'],
  [2, 0x2A, 'Recurrence_Until', 'Until'],
  [2, 0x2B, 'Recurrence_Occurrences', 'Occurrences'],
  [2, 0x2C, 'Recurrence_Interval', 'Interval'],
  [2, 0x2D, 'Recurrence_DayOfWeek', 'DayOfWeek'],
  [2, 0x2E, 'Recurrence_DayOfMonth', 'DayOfMonth'],
  [2, 0x2F, 'Recurrence_WeekOfMonth', 'WeekOfMonth'],
  [2, 0x30, 'Recurrence_MonthOfYear', 'MonthOfYear'],
  [2, 0x33, 'TimeZone', 'Timezone'],
  [4, 0x05, 'TimeZone', 'Timezone'],
  [4, 0x09, 'Attendee_Email', 'Email'],
  [4, 0x0A, 'Attendee_Name', 'Name'],
  [4, 0x11, 'DTStamp', 'DtStamp'],
  [4, 0x15, 'Exception_Deleted', 'Deleted'],
  [4, 0x16, 'Exception_StartTime', 'ExceptionStartTime'],
  [4, 0x19, 'Organizer_Email', 'OrganizerEmail'],
  [4, 0x1A, 'Organizer_Name', 'OrganizerName'],
  [4, 0x1C, 'Recurrence_Type', 'Type'],
  [4, 0x1D, 'Recurrence_Until', 'Until'],
  [4, 0x1E, 'Recurrence_Occurrences', 'Occurrences'],
  [4, 0x1F, 'Recurrence_Interval', 'Interval'],
  [4, 0x20, 'Recurrence_DayOfWeek', 'DayOfWeek'],
  [4, 0x21, 'Recurrence_DayOfMonth', 'DayOfMonth'],
  [4, 0x22, 'Recurrence_WeekOfMonth', 'WeekOfMonth'],
  [4, 0x23, 'Recurrence_MonthOfYear', 'MonthOfYear'],
  [4, 0x29, 'Attendee_Status', 'AttendeeStatus'],
  [4, 0x2A, 'Attendee_Type', 'AttendeeType'],
  [9, 0x10, 'Recurrence_Type', 'Type'],
  [9, 0x11, 'Recurrence_Start', 'Start'],
  [9, 0x12, 'Recurrence_Until', 'Until'],
  [9, 0x13, 'Recurrence_Occurrences', 'Occurrences'],
  [9, 0x14, 'Recurrence_Interval', 'Interval'],
  [9, 0x15, 'Recurrence_DayOfMonth', 'DayOfMonth'],
  [9, 0x16, 'Recurrence_DayOfWeek', 'DayOfWeek'],
  [9, 0x17, 'Recurrence_WeekOfMonth', 'WeekOfMonth'],
  [9, 0x18, 'Recurrence_MonthOfYear', 'MonthOfYear'],
  [9, 0x19, 'Recurrence_Regenerate', 'Regenerate'],
  [9, 0x1A, 'Recurrence_DeadOccur', 'DeadOccur'],
  [18, 0x2B, 'ihsManagementInformation', 'RightsManagementInformation'],
  [16, 0, 'Gal', 'GAL'],
];

/** Tokens whose content is binary (OPAQUE) by definition, as page * 64 + token; rendered as base64 (eas-reference.md §4.1). */
export const OPAQUE_TAGS: ReadonlySet<number> = new Set([[10, 0x1c], [15, 0x20], [16, 0x12], [17, 0x1f], [20, 0x18], [21, 0x10], [22, 0x09], [22, 0x0a]].map(([page, token]) => (page as number) * 64 + (token as number)));
