let(:user) { create(:user, password: "password123", password_confirmation: "password123") }
