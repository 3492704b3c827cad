using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ArtSouk.Commerce.Payments;

/// <summary>
/// A local card processor that answers Stripe's HTTP API for PaymentIntents (create with <c>Idempotency-Key</c>, retrieve,
/// confirm, cancel; refunds) with Stripe's wire format: form-encoded requests, JSON objects and error bodies. Stripe.net is
/// pointed at it by its base URL, so the real client runs end to end on the embedded default and in tests; no Stripe.net
/// type is faked. Test cards: <c>pm_card_visa</c> and <c>pm_card_mada</c> succeed, <c>pm_card_chargeDeclined</c> is declined.
/// </summary>
internal sealed class FakeCardProcessor : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://stripe.artsouk.local");

    private readonly ConcurrentDictionary<string, JsonObject> _intents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idempotent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _refunds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    public FakeCardProcessor(TimeProvider clock) => _clock = clock;

    /// <summary>Payment intents created, for tests that check a payment is never taken twice.</summary>
    public int IntentCount => _intents.Count;

    /// <summary>Refunds made, for tests that check money is never given back twice.</summary>
    public int RefundCount => _refunds.Count;

    /// <summary>How much of an intent has been given back.</summary>
    public long RefundedOf(string paymentIntentId)
    {
        lock (_gate)
        {
            return Refunded(paymentIntentId);
        }
    }

    /// <summary>How many refunds an intent has had (a deposit given back twice would show 2).</summary>
    public int RefundsOf(string paymentIntentId)
    {
        lock (_gate)
        {
            return _refunds.Values.Count(r => r["payment_intent"]!.GetValue<string>() == paymentIntentId);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var form = request.Content is null ? [] : QueryHelpers.ParseQuery(await request.Content.ReadAsStringAsync(cancellationToken));
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        lock (_gate)
        {
            return parts switch
            {
                ["v1", "payment_intents"] when request.Method == HttpMethod.Post => Create(request, form),
                ["v1", "payment_intents", var id] when request.Method == HttpMethod.Get => Find(id) is { } pi ? Json(pi) : Missing(id),
                ["v1", "payment_intents", var id, "confirm"] when request.Method == HttpMethod.Post => Confirm(id, form),
                ["v1", "payment_intents", var id, "cancel"] when request.Method == HttpMethod.Post => Cancel(id),
                ["v1", "refunds"] when request.Method == HttpMethod.Post => Refund(request, form),
                _ => Error(HttpStatusCode.NotFound, "invalid_request_error", $"Unrecognized request URL ({request.Method}: {path})."),
            };
        }
    }

    private HttpResponseMessage Create(HttpRequestMessage request, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.First() : null;
        if (key is not null && _idempotent.TryGetValue(key, out var existing))
        {
            return Json(_intents[existing]);
        }
        if (!long.TryParse(form.GetValueOrDefault("amount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "Missing required param: amount.");
        }
        var id = "pi_" + RandomNumberGenerator.GetHexString(24, lowercase: true);
        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value.ToString();
        }
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = amount,
            ["amount_received"] = 0,
            ["currency"] = form.GetValueOrDefault("currency").ToString(),
            ["capture_method"] = "automatic",
            ["client_secret"] = $"{id}_secret_{RandomNumberGenerator.GetHexString(16, lowercase: true)}",
            ["created"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["metadata"] = metadata,
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = "requires_payment_method",
        };
        _intents[id] = intent;
        if (key is not null)
        {
            _idempotent[key] = id;
        }
        return Json(intent);
    }

    private HttpResponseMessage Confirm(string id, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        if (Find(id) is not { } intent)
        {
            return Missing(id);
        }
        if (intent["status"]!.GetValue<string>() is "succeeded" or "canceled")
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", $"This PaymentIntent's status is {intent["status"]}; it cannot be confirmed.", "payment_intent_unexpected_state");
        }
        var method = form.GetValueOrDefault("payment_method").ToString();
        if (method == "pm_card_chargeDeclined")
        {
            intent["status"] = "requires_payment_method";
            return Error(HttpStatusCode.PaymentRequired, "card_error", "Your card was declined.", "card_declined");
        }
        intent["status"] = "succeeded";
        intent["amount_received"] = intent["amount"]!.GetValue<long>();
        intent["payment_method"] = string.IsNullOrEmpty(method) ? "pm_card_visa" : method;
        return Json(intent);
    }

    private HttpResponseMessage Cancel(string id)
    {
        if (Find(id) is not { } intent)
        {
            return Missing(id);
        }
        if (intent["status"]!.GetValue<string>() == "succeeded")
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "A succeeded PaymentIntent cannot be canceled.", "payment_intent_unexpected_state");
        }
        intent["status"] = "canceled";
        return Json(intent);
    }

    private HttpResponseMessage Refund(HttpRequestMessage request, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? "refund:" + keys.First() : null;
        if (key is not null && _idempotent.TryGetValue(key, out var existing))
        {
            return Json(_refunds[existing]);
        }
        var intentId = form.GetValueOrDefault("payment_intent").ToString();
        if (Find(intentId) is not { } intent)
        {
            return Missing(intentId);
        }
        if (intent["status"]!.GetValue<string>() != "succeeded")
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "charge_not_refundable");
        }
        var left = intent["amount_received"]!.GetValue<long>() - Refunded(intentId);
        var amount = form.TryGetValue("amount", out var raw) ? long.Parse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture) : left;
        if (amount < 1 || amount > left)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error",
                $"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})", left == 0 ? "charge_already_refunded" : null);
        }
        var id = "re_" + RandomNumberGenerator.GetHexString(24, lowercase: true);
        var refund = new JsonObject
        {
            ["id"] = id,
            ["object"] = "refund",
            ["amount"] = amount,
            ["currency"] = intent["currency"]!.GetValue<string>(),
            ["created"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
            ["metadata"] = new JsonObject(),
            ["payment_intent"] = intentId,
            ["status"] = "succeeded",
        };
        _refunds[id] = refund;
        if (key is not null)
        {
            _idempotent[key] = id;
        }
        return Json(refund);
    }

    private long Refunded(string intentId) =>
        _refunds.Values.Where(r => r["payment_intent"]!.GetValue<string>() == intentId).Sum(r => r["amount"]!.GetValue<long>());

    private JsonObject? Find(string id) => _intents.GetValueOrDefault(id);

    /// <summary>
    /// A webhook delivery as Stripe sends it: the event JSON and its <c>Stripe-Signature</c> header
    /// (<c>t=...,v1=HMAC-SHA256(secret, "t.payload")</c>), carrying the intent as it is now.
    /// </summary>
    public (string Payload, string Signature) Event(string type, string paymentIntentId, string webhookSecret, string? eventId = null, DateTimeOffset? at = null)
    {
        JsonObject intent;
        lock (_gate)
        {
            intent = (JsonObject)(Find(paymentIntentId) ?? throw new ArgumentException($"No intent {paymentIntentId}", nameof(paymentIntentId))).DeepClone();
        }
        var when = at ?? _clock.GetUtcNow();
        var payload = new JsonObject
        {
            ["id"] = eventId ?? "evt_" + RandomNumberGenerator.GetHexString(24, lowercase: true),
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = when.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = intent },
        }.ToJsonString();
        return (payload, Sign(payload, webhookSecret, when));
    }

    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + payload));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Missing(string id) =>
        Error(HttpStatusCode.NotFound, "invalid_request_error", $"No such payment_intent: '{id}'", "resource_missing");

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message, string? code = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(new JsonObject { ["error"] = error }), Encoding.UTF8, "application/json"),
        };
    }
}
