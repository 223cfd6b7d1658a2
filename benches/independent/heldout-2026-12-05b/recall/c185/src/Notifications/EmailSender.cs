using SendGrid;

public class EmailSender
{
    private readonly SendGridClient _client = new SendGridClient("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");
}
